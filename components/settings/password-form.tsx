"use client";
import { useActionState } from "react";
import type { PasswordChangeState } from "@/app/settings/actions";
import { useI18n } from "@/lib/i18n/client";

const inputClass =
  "mt-1 block w-full rounded-lg border border-gray-300 bg-white px-3 py-2 text-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100 dark:border-gray-700 dark:bg-gray-900";

export function PasswordForm({ action }: { action: (prev: PasswordChangeState, form: FormData) => Promise<PasswordChangeState> }) {
  const { t } = useI18n();
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <section className="mx-auto w-full max-w-2xl px-4 pb-10" aria-labelledby="password-heading">
      <h2 id="password-heading" className="mb-3 text-lg font-semibold">{t("admin.password.title")}</h2>
      <form action={formAction} className="space-y-3" data-testid="password-form">
        <label className="block text-sm font-medium">
          {t("admin.password.current")}
          <input name="currentPassword" type="password" required autoComplete="current-password" className={inputClass} />
        </label>
        <label className="block text-sm font-medium">
          {t("admin.password.new")}
          <input name="newPassword" type="password" required minLength={8} autoComplete="new-password" className={inputClass} />
          <span className="mt-1 block text-xs font-normal text-gray-500">{t("admin.password.hint")}</span>
        </label>
        {state.error && (
          <p role="alert" data-testid="password-error" data-code={state.error} className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300">
            {t(`admin.password.error.${state.error}`)}
          </p>
        )}
        {state.ok && <p role="status" data-testid="password-changed" className="text-sm text-green-700 dark:text-green-400">{t("admin.password.changed")}</p>}
        <button type="submit" disabled={pending} className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
          {t("admin.password.submit")}
        </button>
      </form>
    </section>
  );
}
