"use client";
import Link from "next/link";
import { useActionState } from "react";
import type { AuthFormState } from "@/app/(auth)/actions";
import { useI18n } from "@/lib/i18n/client";

type Props = {
  mode: "sign-in" | "sign-up";
  action: (prev: AuthFormState, form: FormData) => Promise<AuthFormState>;
  /** Where to go after signing in (a path on this site, already checked by the page). */
  next?: string | null;
};

const inputClass =
  "mt-1 block w-full rounded-lg border border-gray-300 bg-white px-3 py-2 text-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100 dark:border-gray-700 dark:bg-gray-900 dark:focus:ring-brand-700";

export function AuthForm({ mode, action, next }: Props) {
  const { t } = useI18n();
  const [state, formAction, pending] = useActionState(action, {});
  const signUp = mode === "sign-up";
  const invalid = (field: string) => state.fields?.includes(field) || undefined;

  return (
    <form action={formAction} className="space-y-4" data-testid={`${mode}-form`} noValidate>
      {next && <input type="hidden" name="next" value={next} />}
      {signUp && (
        <label className="block text-sm font-medium">
          {t("auth.name")}
          <input name="name" autoComplete="name" className={inputClass} aria-invalid={invalid("name")} />
        </label>
      )}
      <label className="block text-sm font-medium">
        {t("auth.email")}
        <input name="email" type="email" required autoComplete="email" className={inputClass} aria-invalid={invalid("email")} />
      </label>
      <label className="block text-sm font-medium">
        {t("auth.password")}
        <input
          name="password"
          type="password"
          required
          minLength={signUp ? 8 : undefined}
          autoComplete={signUp ? "new-password" : "current-password"}
          className={inputClass}
          aria-invalid={invalid("password")}
          aria-describedby={signUp ? "password-hint" : undefined}
        />
        {signUp && (
          <span id="password-hint" className="mt-1 block text-xs font-normal text-gray-500">
            {t("auth.passwordHint")}
          </span>
        )}
      </label>
      {state.error && (
        <p role="alert" data-testid="auth-error" data-code={state.error} className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300">
          {t(`auth.error.${state.error}`)}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {signUp ? t("auth.signUp") : t("auth.signIn")}
      </button>
      <p className="text-center text-sm text-gray-500">
        {signUp ? t("auth.haveAccount") : t("auth.noAccount")}{" "}
        <Link href={`${signUp ? "/sign-in" : "/sign-up"}${next ? `?next=${encodeURIComponent(next)}` : ""}`} className="font-medium text-brand-600 hover:underline">
          {signUp ? t("auth.signIn") : t("auth.signUp")}
        </Link>
      </p>
    </form>
  );
}
