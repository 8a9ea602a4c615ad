import { z } from "zod";

// Shared by the forms (client-side hints) and the server actions (the authority).
export const credentialsSchema = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(512),
});

export const signUpSchema = z.object({
  name: z.string().trim().max(100).optional(),
  email: z.email().max(254),
  password: z.string().min(8).max(512),
});

export type SignUpInput = z.infer<typeof signUpSchema>;

export const passwordChangeSchema = z.object({
  currentPassword: z.string().min(1).max(512),
  newPassword: z.string().min(8).max(512),
});

export const passwordResetSchema = z.object({
  token: z.string().min(20).max(200),
  password: z.string().min(8).max(512),
});
