"use server";
import { redirect } from "next/navigation";
import { hashToken } from "@/lib/api/tokens";
import { hashPassword } from "@/lib/auth/password";
import { passwordResetSchema } from "@/lib/auth/schema";
import { consumePasswordReset, findValidPasswordReset } from "@/lib/db/queries/password-resets";

export type ResetState = { error?: "invalid_input" | "invalid_link" };

/** Sets a new password through an admin-issued link; every session of the account is signed out. */
export async function resetPasswordAction(_prev: ResetState, form: FormData): Promise<ResetState> {
  const parsed = passwordResetSchema.safeParse({ token: form.get("token"), password: form.get("password") });
  if (!parsed.success) return { error: "invalid_input" };
  const now = new Date();
  const reset = await findValidPasswordReset({ tokenHash: hashToken(parsed.data.token), now });
  if (!reset) return { error: "invalid_link" };
  const ok = await consumePasswordReset({ id: reset.id, userId: reset.user.id, passwordHash: await hashPassword(parsed.data.password), now });
  if (!ok) return { error: "invalid_link" };
  redirect("/sign-in?reset=1");
}
