"use server";
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { signIn, signOut } from "@/lib/auth/config";
import { hashPassword } from "@/lib/auth/password";
import { credentialsSchema, signUpSchema } from "@/lib/auth/schema";
import { createUser } from "@/lib/db/queries/users";
import { safeNextPath } from "@/lib/sharing/access";

export type AuthFormState = { error?: "invalid_credentials" | "email_taken" | "invalid_input" | "unknown"; fields?: string[] };

async function signInOrError(email: string, password: string, next?: FormDataEntryValue | null): Promise<AuthFormState> {
  try {
    await signIn("credentials", { email, password, redirect: false });
  } catch (e) {
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
  const user = await createUser({
    email: parsed.data.email,
    name: parsed.data.name,
    passwordHash: await hashPassword(parsed.data.password),
  });
  if (!user) return { error: "email_taken" };
  return signInOrError(parsed.data.email, parsed.data.password, form.get("next"));
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}
