import { z } from "zod";

// Shared by the console's forms and the admin route handlers.
export const userPatchSchema = z.union([
  z.object({ role: z.enum(["admin", "member"]) }).strict(),
  z.object({ status: z.enum(["active", "disabled"]) }).strict(),
]);
export type UserPatch = z.infer<typeof userPatchSchema>;

/** Deleting needs the user's email typed out (the console's second confirmation). */
export const userDeleteSchema = z.discriminatedUnion("chats", [
  z.object({ chats: z.literal("delete"), confirmEmail: z.string().max(254) }).strict(),
  z.object({ chats: z.literal("transfer"), transferTo: z.string().min(1).max(64), confirmEmail: z.string().max(254) }).strict(),
]);
export type UserDelete = z.infer<typeof userDeleteSchema>;

export const inviteCreateSchema = z
  .object({
    email: z.email().max(254).nullable().optional(),
    role: z.enum(["admin", "member"]).default("member"),
    expiresInDays: z.number().int().min(1).max(90).default(7),
  })
  .strict();
export type InviteCreate = z.infer<typeof inviteCreateSchema>;

export const listQuerySchema = z.object({
  q: z.string().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});

export const ADMIN_PAGE_SIZE = 50;
