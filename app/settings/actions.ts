"use server";
import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth/config";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { passwordChangeSchema } from "@/lib/auth/schema";
import { getCurrentUser } from "@/lib/auth/session";
import { clientIp, isSignInLimited, recordSignInFailure } from "@/lib/auth/sign-in-limits";
import { getUserCredentials, setPasswordHash } from "@/lib/db/queries/users";
import { headers } from "next/headers";

export type PasswordChangeState = { ok?: boolean; error?: "unauthorized" | "invalid_input" | "wrong_password" | "rate_limited" | "no_password" };

/**
 * Changes the signed-in user's password. The session version moves on, which signs out every other
 * session; this one gets a fresh session cookie by signing in again with the new password.
 */
export async function changePasswordAction(_prev: PasswordChangeState, form: FormData): Promise<PasswordChangeState> {
  const user = await getCurrentUser();
  if (!user) return { error: "unauthorized" };
  const parsed = passwordChangeSchema.safeParse({ currentPassword: form.get("currentPassword"), newPassword: form.get("newPassword") });
  if (!parsed.success) return { error: "invalid_input" };
  const ip = clientIp(await headers());
  // Guessing the current password from a stolen session counts against the sign-in limits.
  if (await isSignInLimited({ email: user.email, ip })) return { error: "rate_limited" };
  const creds = await getUserCredentials({ email: user.email });
  if (!creds?.passwordHash) return { error: "no_password" };
  if (!(await verifyPassword(creds.passwordHash, parsed.data.currentPassword))) {
    await recordSignInFailure({ email: user.email, ip });
    return { error: "wrong_password" };
  }
  await setPasswordHash({ id: user.id, passwordHash: await hashPassword(parsed.data.newPassword) });
  try {
    await signIn("credentials", { email: user.email, password: parsed.data.newPassword, redirect: false });
  } catch (e) {
    if (!(e instanceof AuthError)) throw e;
  }
  return { ok: true };
}
