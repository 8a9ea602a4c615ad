"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import { redirect } from "next/navigation";
import { signIn, signOut } from "@/lib/auth/config";
import { hashPassword } from "@/lib/auth/password";
import { credentialsSchema, signUpSchema } from "@/lib/auth/schema";
import { checkSignUp, type SignUpRefusal } from "@/lib/auth/signup-policy";
import { createUser } from "@/lib/db/queries/users";
import { safeNextPath } from "@/lib/sharing/access";

export type AuthFormState = {
  error?:
    | "invalid_credentials"
    | "email_taken"
    | "invalid_input"
    | "unknown"
    | "rate_limited"
    | "pending_approval"
    | "account_disabled"
    | SignUpRefusal;
  fields?: string[];
  /** Sign-up succeeded but the account waits for an admin's approval. */
  notice?: "pending_approval";
};

const refusalCodes = new Set(["rate_limited", "pending_approval", "account_disabled"]);

async function signInOrError(email: string, password: string, next?: FormDataEntryValue | null): Promise<AuthFormState> {
  try {
    await signIn("credentials", { email, password, redirect: false });
  } catch (e) {
    if (e instanceof CredentialsSignin && refusalCodes.has(e.code)) return { error: e.code as AuthFormState["error"] };
    if (e instanceof AuthError) return { error: "invalid_credentials" };
    throw e;
  }
  // Back where the user was sent from (a team share link), only ever a path on this site.
  redirect(safeNextPath(next) ?? "/");
}

export async function signInAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const parsed = credentialsSchema.safeParse({ email: form.get("email"), password: form.get("password") });
  if (!parsed.success) return { error: "invalid_credentials" };
  return signInOrError(parsed.data.email, parsed.data.password, form.get("next"));
}

export async function signUpAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const parsed = signUpSchema.safeParse({
    name: form.get("name") || undefined,
    email: form.get("email"),
    password: form.get("password"),
  });
  if (!parsed.success) {
    return { error: "invalid_input", fields: [...new Set(parsed.error.issues.map((i) => String(i.path[0])))] };
  }
  const inviteToken = typeof form.get("invite") === "string" ? (form.get("invite") as string).slice(0, 200) || null : null;
  const decision = await checkSignUp({ email: parsed.data.email, inviteToken });
  if (!decision.ok) return { error: decision.code as SignUpRefusal };
  const user = await createUser({
    email: parsed.data.email,
    name: parsed.data.name,
    passwordHash: await hashPassword(parsed.data.password),
    status: decision.status,
    role: decision.invite?.role,
    inviteId: decision.invite?.id,
  });
  if (user === "invite_invalid") return { error: "invite_invalid" };
  if (!user) return { error: "email_taken" };
  if (user.status === "pending") return { notice: "pending_approval" };
  return signInOrError(parsed.data.email, parsed.data.password, form.get("next"));
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}
