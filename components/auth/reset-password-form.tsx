"use client";
import { useActionState } from "react";
import type { ResetState } from "@/app/reset-password/[token]/actions";
import { useI18n } from "@/lib/i18n/client";

const inputClass =
  "mt-1 block w-full rounded-lg border border-gray-300 bg-white px-3 py-2 text-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100 dark:border-gray-700 dark:bg-gray-900";

export function ResetPasswordForm({ token, email, action }: { token: string; email: string; action: (prev: ResetState, form: FormData) => Promise<ResetState> }) {
  const { t } = useI18n();
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-4" data-testid="reset-form" noValidate>
      <input type="hidden" name="token" value={token} />
      <p className="text-sm text-gray-500">{t("admin.reset.for", { email })}</p>
      <label className="block text-sm font-medium">
        {t("admin.password.new")}
        <input name="password" type="password" required minLength={8} autoComplete="new-password" className={inputClass} />
        <span className="mt-1 block text-xs font-normal text-gray-500">{t("auth.passwordHint")}</span>
      </label>
      {state.error && (
        <p role="alert" data-testid="reset-error" data-code={state.error} className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300">
          {t(state.error === "invalid_link" ? "admin.reset.invalid" : "auth.error.invalid_input")}
        </p>
      )}
      <button type="submit" disabled={pending} className="w-full rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
        {t("admin.reset.submit")}
      </button>
    </form>
  );
}
