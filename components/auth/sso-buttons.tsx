import { ssoSignInAction } from "@/app/(auth)/sso-actions";
import type { SsoProviderInfo } from "@/lib/auth/sso/providers";
import type { Translate } from "@/lib/i18n";
import { SsoSubmit } from "./sso-submit";

/** One button per configured provider; nothing at all when none is configured. */
export function SsoButtons({
  providers,
  mode,
  t,
  inviteToken,
  next,
}: {
  providers: SsoProviderInfo[];
  mode: "sign-in" | "sign-up";
  t: Translate;
  inviteToken?: string;
  /** Where to land after signing in (already checked to be a path on this site). */
  next?: string | null;
}) {
  if (providers.length === 0) return null;
  return (
    <div className="mb-6 space-y-2" data-testid="sso-buttons">
      {providers.map((p) => (
        <form key={p.id} action={ssoSignInAction}>
          <input type="hidden" name="provider" value={p.id} />
          {inviteToken && <input type="hidden" name="inviteToken" value={inviteToken} />}
          {next && <input type="hidden" name="next" value={next} />}
          <SsoSubmit providerId={p.id} label={t(mode === "sign-up" ? "sso.signUpWith" : "sso.signInWith", { name: p.name })} />
        </form>
      ))}
      <div className="flex items-center gap-3 pt-2 text-xs text-gray-400" aria-hidden="true">
        <span className="h-px flex-1 bg-gray-200 dark:bg-gray-800" />
        {t("sso.or")}
        <span className="h-px flex-1 bg-gray-200 dark:bg-gray-800" />
      </div>
    </div>
  );
}

export function SsoError({ code, t }: { code: string | undefined; t: Translate }) {
  if (!code) return null;
  const key = SSO_ERROR_KEYS[code] ?? "sso.error.Configuration";
  return (
    <p role="alert" data-testid="sso-error" data-code={code} className="mb-4 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300">
      {t(key)}
    </p>
  );
}

// Shoal's own refusal codes (lib/auth/sso/decide.ts) and the error types Auth.js puts in ?error=.
const SSO_ERROR_KEYS: Record<string, Parameters<Translate>[0]> = {
  unverified_email: "sso.error.unverified_email",
  no_email: "sso.error.no_email",
  disabled: "sso.error.disabled",
  pending: "sso.error.pending",
  signup: "sso.error.signup",
  failed: "sso.error.failed",
  AccessDenied: "sso.error.AccessDenied",
  OAuthAccountNotLinked: "sso.error.OAuthAccountNotLinked",
  Configuration: "sso.error.Configuration",
};
