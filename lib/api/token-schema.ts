import { z } from "zod";

export const createTokenSchema = z.object({
  name: z.string().trim().min(1).max(64),
  /** Days until expiry; omitted or null = never expires. */
  expiresInDays: z.number().int().min(1).max(3650).nullish(),
});
export type CreateToken = z.infer<typeof createTokenSchema>;
