import { AuthForm } from "@/components/auth/auth-form";
import { SsoButtons } from "@/components/auth/sso-buttons";
import { hashToken } from "@/lib/api/tokens";
import { configuredSsoProviders } from "@/lib/auth/sso/providers";
import { getSignupPolicy } from "@/lib/auth/signup-policy";
import { findInvitationByHash } from "@/lib/db/queries/invitations";
import { countUsers } from "@/lib/db/queries/users";
import { getTranslator } from "@/lib/i18n/server";
import { safeNextPath } from "@/lib/sharing/access";
import { signUpAction } from "../actions";

export const dynamic = "force-dynamic";

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ invite?: string | string[]; next?: string }> }) {
  const { t } = await getTranslator();
  const params = await searchParams;
  const next = safeNextPath(params.next);
  const raw = params.invite;
  const token = typeof raw === "string" && raw.length <= 200 ? raw : undefined;
  const [users, policy, invite] = await Promise.all([
    countUsers(),
    getSignupPolicy(),
    token ? findInvitationByHash({ tokenHash: hashToken(token) }) : null,
  ]);
  const inviteValid = Boolean(invite && !invite.usedAt && !invite.revokedAt && invite.expiresAt > new Date());
  if (users > 0 && token && !inviteValid) {
    return <Notice testId="invite-invalid" text={t("admin.auth.error.invite_invalid")} link={t("auth.signIn")} />;
  }
  if (users > 0 && !token && policy.mode !== "open") {
    return <Notice testId="signup-unavailable" text={t(policy.mode === "closed" ? "admin.auth.error.signup_closed" : "admin.auth.error.invite_required")} link={t("auth.signIn")} />;
  }
  return (
    <>
      {inviteValid && (
        <p className="mb-4 rounded-lg bg-brand-50 px-3 py-2 text-sm text-brand-700 dark:bg-gray-800 dark:text-gray-100" data-testid="invite-banner">
          {t("admin.auth.invited")}
        </p>
      )}
      <SsoButtons providers={configuredSsoProviders()} mode="sign-up" t={t} next={next} inviteToken={inviteValid ? token : undefined} />
      <AuthForm mode="sign-up" action={signUpAction} next={next} invite={inviteValid ? token : undefined} inviteEmail={inviteValid ? invite?.email : null} />
      {users === 0 && <p className="mt-4 text-center text-xs text-gray-400">{t("auth.firstUserAdmin")}</p>}
      {users > 0 && !inviteValid && policy.requireApproval && <p className="mt-4 text-center text-xs text-gray-400">{t("admin.auth.approvalNote")}</p>}
    </>
  );
}

function Notice({ text, testId, link }: { text: string; testId: string; link: string }) {
  return (
    <div className="space-y-4 text-center">
      <p role="alert" data-testid={testId} className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-800 dark:bg-amber-950 dark:text-amber-200">
        {text}
      </p>
      <a href="/sign-in" className="text-sm font-medium text-brand-600 hover:underline">
        {link}
      </a>
    </div>
  );
}
