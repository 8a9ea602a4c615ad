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
  /** Sign-up through an invitation link: the token travels with the form. */
  invite?: string;
  inviteEmail?: string | null;
};

const inputClass =
  "mt-1 block w-full rounded-lg border border-gray-300 bg-white px-3 py-2 text-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100 dark:border-gray-700 dark:bg-gray-900 dark:focus:ring-brand-700";

export function AuthForm({ mode, action, next, invite, inviteEmail }: Props) {
  const { t } = useI18n();
  const [state, formAction, pending] = useActionState(action, {});
  const signUp = mode === "sign-up";
  const invalid = (field: string) => state.fields?.includes(field) || undefined;

  return (
    state.notice === "pending_approval" ? (
      <p role="status" data-testid="auth-notice" data-code="pending_approval" className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-800 dark:bg-amber-950 dark:text-amber-200">
        {t("admin.auth.pendingCreated")}
      </p>
    ) : (
    <form action={formAction} className="space-y-4" data-testid={`${mode}-form`} noValidate>
      {next && <input type="hidden" name="next" value={next} />}
      {invite && <input type="hidden" name="invite" value={invite} />}
      {signUp && (
        <label className="block text-sm font-medium">
          {t("auth.name")}
          <input name="name" autoComplete="name" className={inputClass} aria-invalid={invalid("name")} />
        </label>
      )}
      <label className="block text-sm font-medium">
        {t("auth.email")}
        <input name="email" type="email" required autoComplete="email" className={inputClass} aria-invalid={invalid("email")} defaultValue={inviteEmail ?? undefined} readOnly={Boolean(inviteEmail)} />
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
          {state.error in authErrorKeys ? t(authErrorKeys[state.error as keyof typeof authErrorKeys]) : t(`auth.error.${state.error as "unknown"}`)}
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
    )
  );
}

// Sign-up policy and sign-in limit refusals (dictionary area `admin`).
const authErrorKeys = {
  rate_limited: "admin.auth.error.rate_limited",
  pending_approval: "admin.auth.error.pending_approval",
  account_disabled: "admin.auth.error.account_disabled",
  signup_closed: "admin.auth.error.signup_closed",
  invite_required: "admin.auth.error.invite_required",
  invite_invalid: "admin.auth.error.invite_invalid",
  invite_email_mismatch: "admin.auth.error.invite_email_mismatch",
  domain_not_allowed: "admin.auth.error.domain_not_allowed",
} as const;
