import { z } from "zod";

/** Confirmation for deleting an account; shared by the settings form and the route handler. */
export const deleteAccountSchema = z.strictObject({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});
export type DeleteAccountInput = z.infer<typeof deleteAccountSchema>;
