import { AuthForm } from "@/components/auth/auth-form";
import { SsoButtons, SsoError } from "@/components/auth/sso-buttons";
import { configuredSsoProviders } from "@/lib/auth/sso/providers";
import { getTranslator } from "@/lib/i18n/server";
import { signInAction } from "../actions";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string | string[] }> }) {
  const { t } = await getTranslator();
  const { error } = await searchParams;
  return (
    <>
      <SsoError code={typeof error === "string" ? error : undefined} t={t} />
      <SsoButtons providers={configuredSsoProviders()} mode="sign-in" t={t} />
      <AuthForm mode="sign-in" action={signInAction} />
    </>
  );
}
