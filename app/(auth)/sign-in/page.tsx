import { AuthForm } from "@/components/auth/auth-form";
import { getTranslator } from "@/lib/i18n/server";
import { signInAction } from "../actions";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ reset?: string }> }) {
  const { t } = await getTranslator();
  const reset = (await searchParams).reset === "1";
  return (
    <>
      {reset && (
        <p role="status" data-testid="reset-done" className="mb-4 rounded-lg bg-green-50 px-3 py-2 text-sm text-green-800 dark:bg-green-950 dark:text-green-200">
          {t("admin.reset.done")}
        </p>
      )}
      <AuthForm mode="sign-in" action={signInAction} />
    </>
  );
}
