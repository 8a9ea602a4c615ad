import "server-only";
import type { Account, Profile, User } from "next-auth";
import { cookies } from "next/headers";
import { createUserWithIdentity, getUserByIdentity, getUserStatusByEmail, linkIdentity } from "@/lib/db/queries/sso-accounts";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { checkSignUp } from "../signup-policy";
import { decideSsoSignIn, signUpDecision, ssoErrorPath, ssoIdentity, type SsoErrorCode } from "./decide";

/** Set by the SSO button's action when the page carried an invitation, read back on the callback. */
export const SSO_INVITE_COOKIE = "shoal-sso-invite";

function refuse(provider: string, code: SsoErrorCode, policyCode?: string): string {
  log.info("sso sign-in refused", { provider, code, policyCode });
  return ssoErrorPath(code, policyCode);
}

/**
 * Auth.js signIn callback. For OAuth/OIDC it decides (./decide.ts) and performs the linking or the
 * creation itself, before Auth.js's own login step, which then finds the identity already linked.
 * Returning a path sends the browser there instead of signing in.
 */
export async function ssoSignInCallback({
  user,
  account,
  profile,
}: {
  user: User;
  account?: Account | null;
  profile?: Profile;
}): Promise<boolean | string> {
  if (!account || (account.type !== "oauth" && account.type !== "oidc")) return true;
  const provider = account.provider;
  const identityRef = { provider, providerAccountId: account.providerAccountId, type: account.type };
  const identity = ssoIdentity(provider, profile as Record<string, unknown> | undefined, { trustOidcEmail: env.AUTH_OIDC_TRUST_EMAIL });
  const linkedUser = await getUserByIdentity(identityRef);
  const emailUser = !linkedUser && identity.email ? await getUserStatusByEmail({ email: identity.email }) : null;
  const decision = decideSsoSignIn({ linkedUser, emailUser, identity });

  switch (decision.kind) {
    case "refuse":
      return refuse(provider, decision.code);
    case "sign-in":
      return true;
    case "link":
      await linkIdentity({ userId: decision.userId, identity: identityRef });
      log.info("sso identity linked", { provider, userId: decision.userId });
      return true;
    case "create": {
      const jar = await cookies();
      const inviteToken = jar.get(SSO_INVITE_COOKIE)?.value ?? null;
      const check = await checkSignUp({ email: decision.email, inviteToken });
      const policy = signUpDecision(check);
      if (policy.kind === "refuse") return refuse(provider, policy.code, policy.policyCode);
      const invite = check.ok ? check.invite : undefined;
      const created = await createUserWithIdentity({
        email: decision.email,
        name: user.name,
        image: user.image,
        status: policy.status,
        identity: identityRef,
        role: invite?.role,
        inviteId: invite?.id,
      });
      if (created === "invite_invalid") return refuse(provider, "signup", "invite_invalid");
      if (!created) return refuse(provider, "failed");
      if (inviteToken) jar.delete(SSO_INVITE_COOKIE);
      log.info("sso user created", { provider, userId: created.id, role: created.role, status: created.status });
      return created.status === "active" ? true : refuse(provider, "pending");
    }
  }
}
