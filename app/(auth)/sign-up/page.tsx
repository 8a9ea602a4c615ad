import { AuthForm } from "@/components/auth/auth-form";
import { SsoButtons } from "@/components/auth/sso-buttons";
import { configuredSsoProviders } from "@/lib/auth/sso/providers";
import { getTranslator } from "@/lib/i18n/server";
import { signUpAction } from "../actions";

export default async function SignUpPage() {
  const { t } = await getTranslator();
  return (
    <>
      <SsoButtons providers={configuredSsoProviders()} mode="sign-up" t={t} />
      <AuthForm mode="sign-up" action={signUpAction} />
      <p className="mt-4 text-center text-xs text-gray-400">{t("auth.firstUserAdmin")}</p>
    </>
  );
}
