import { AuthForm } from "@/components/auth/auth-form";
import { safeNextPath } from "@/lib/sharing/access";
import { signInAction } from "../actions";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  return <AuthForm mode="sign-in" action={signInAction} next={safeNextPath((await searchParams).next)} />;
}
