import { AuthForm } from "@/components/auth/auth-form";
import { SsoButtons, SsoError } from "@/components/auth/sso-buttons";
import { configuredSsoProviders } from "@/lib/auth/sso/providers";
import { getTranslator } from "@/lib/i18n/server";
import { safeNextPath } from "@/lib/sharing/access";
import { signInAction } from "../actions";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string | string[]; next?: string }> }) {
  const { t } = await getTranslator();
  const { error, next: rawNext } = await searchParams;
  const next = safeNextPath(rawNext);
  return (
    <>
      <SsoError code={typeof error === "string" ? error : undefined} t={t} />
      <SsoButtons providers={configuredSsoProviders()} mode="sign-in" t={t} next={next} />
      <AuthForm mode="sign-in" action={signInAction} next={next} />
    </>
  );
}
