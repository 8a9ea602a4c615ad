"use server";
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { signIn, signOut } from "@/lib/auth/config";
import { hashPassword } from "@/lib/auth/password";
import { credentialsSchema, signUpSchema } from "@/lib/auth/schema";
import { createUser } from "@/lib/db/queries/users";

export type AuthFormState = { error?: "invalid_credentials" | "email_taken" | "invalid_input" | "unknown"; fields?: string[] };

async function signInOrError(email: string, password: string): Promise<AuthFormState> {
  try {
    await signIn("credentials", { email, password, redirect: false });
  } catch (e) {
    if (e instanceof AuthError) return { error: "invalid_credentials" };
    throw e;
  }
  redirect("/");
}

export async function signInAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const parsed = credentialsSchema.safeParse({ email: form.get("email"), password: form.get("password") });
  if (!parsed.success) return { error: "invalid_credentials" };
  return signInOrError(parsed.data.email, parsed.data.password);
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
  return signInOrError(parsed.data.email, parsed.data.password);
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}
