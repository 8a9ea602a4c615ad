import { AuthForm } from "@/components/auth/auth-form";
import { SsoButtons } from "@/components/auth/sso-buttons";
import { configuredSsoProviders } from "@/lib/auth/sso/providers";
import { getTranslator } from "@/lib/i18n/server";
import { safeNextPath } from "@/lib/sharing/access";
import { signUpAction } from "../actions";

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { t } = await getTranslator();
  const next = safeNextPath((await searchParams).next);
  return (
    <>
      <SsoButtons providers={configuredSsoProviders()} mode="sign-up" t={t} next={next} />
      <AuthForm mode="sign-up" action={signUpAction} next={next} />
      <p className="mt-4 text-center text-xs text-gray-400">{t("auth.firstUserAdmin")}</p>
    </>
  );
}
