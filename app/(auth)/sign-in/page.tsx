import { AuthForm } from "@/components/auth/auth-form";
import { SsoButtons, SsoError } from "@/components/auth/sso-buttons";
import { configuredSsoProviders } from "@/lib/auth/sso/providers";
import { getTranslator } from "@/lib/i18n/server";
import { safeNextPath } from "@/lib/sharing/access";
import { signInAction } from "../actions";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string | string[]; next?: string; reset?: string }>;
}) {
  const { t } = await getTranslator();
  const { error, next: rawNext, reset } = await searchParams;
  const next = safeNextPath(rawNext);
  return (
    <>
      {reset === "1" && (
        <p role="status" data-testid="reset-done" className="mb-4 rounded-lg bg-green-50 px-3 py-2 text-sm text-green-800 dark:bg-green-950 dark:text-green-200">
          {t("admin.reset.done")}
        </p>
      )}
      <SsoError code={typeof error === "string" ? error : undefined} t={t} />
      <SsoButtons providers={configuredSsoProviders()} mode="sign-in" t={t} next={next} />
      <AuthForm mode="sign-in" action={signInAction} next={next} />
    </>
  );
}
