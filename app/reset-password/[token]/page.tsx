import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { hashToken } from "@/lib/api/tokens";
import { findValidPasswordReset } from "@/lib/db/queries/password-resets";
import { getTranslator } from "@/lib/i18n/server";
import { resetPasswordAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { t } = await getTranslator();
  const reset = token.length <= 200 ? await findValidPasswordReset({ tokenHash: hashToken(token), now: new Date() }) : null;
  return (
    <main className="flex min-h-full items-center justify-center bg-gray-50 px-4 py-12 dark:bg-gray-950">
      <div className="w-full max-w-sm rounded-2xl border border-gray-200 bg-white p-8 shadow-sm dark:border-gray-800 dark:bg-gray-900">
        <h1 className="mb-6 text-center text-xl font-bold tracking-tight">{t("admin.reset.title")}</h1>
        {reset ? (
          <ResetPasswordForm token={token} email={reset.user.email} action={resetPasswordAction} />
        ) : (
          <p role="alert" data-testid="reset-invalid" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300">
            {t("admin.reset.invalid")}
          </p>
        )}
      </div>
    </main>
  );
}
