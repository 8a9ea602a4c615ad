// Pure rules for signing in with an OAuth/OIDC identity. No I/O: the callback in ./sign-in.ts
// looks the users up, asks the sign-up policy, and applies what these functions decide.

/** Codes shown on /sign-in?error=<code> (dictionary keys `sso.error.<code>`). */
export type SsoErrorCode = "unverified_email" | "no_email" | "disabled" | "pending" | "signup" | "failed";

export type SsoIdentity = { email: string | null; emailVerified: boolean };
export type KnownUser = { id: string; status: string };

export type SsoDecision =
  | { kind: "sign-in"; userId: string }
  | { kind: "link"; userId: string }
  | { kind: "create"; email: string }
  | { kind: "refuse"; code: SsoErrorCode };

/** Same normalisation as lib/db/queries/users.ts normalizeEmail (kept pure for the client-free rules). */
export function normalizeSsoEmail(email: unknown): string | null {
  if (typeof email !== "string") return null;
  const normalized = email.trim().toLowerCase();
  return normalized.includes("@") ? normalized : null;
}

/** `email_verified` as providers send it: a boolean, or the string "true" (AWS Cognito, some Azure setups). */
function claimTrue(value: unknown): boolean {
  return value === true || value === "true";
}

/**
 * The email an identity proves, and whether the provider verified it.
 * - GitHub: lib/auth/sso/github.ts puts the primary address and its `verified` flag in the profile.
 * - Google and generic OIDC: the standard `email_verified` claim. `trustOidcEmail` (AUTH_OIDC_TRUST_EMAIL)
 *   treats the generic provider's email as verified for IdPs that manage their users' addresses but
 *   do not send the claim (Azure AD, Feishu/Lark).
 */
export function ssoIdentity(provider: string, profile: Record<string, unknown> | undefined, opts: { trustOidcEmail: boolean }): SsoIdentity {
  const email = normalizeSsoEmail(profile?.email);
  if (!email) return { email: null, emailVerified: false };
  const verified = claimTrue(profile?.email_verified) || (provider === "oidc" && opts.trustOidcEmail);
  return { email, emailVerified: verified };
}

function refuseInactive(user: KnownUser): SsoDecision | null {
  if (user.status === "active") return null;
  return { kind: "refuse", code: user.status === "pending" ? "pending" : "disabled" };
}

/**
 * - An identity already linked signs in as its user (whatever its email says now), unless the
 *   user is disabled or waiting for approval.
 * - Otherwise the email must be present and verified by the provider, for linking AND for a new
 *   account: an unverified address could claim someone else's account, or slip past a domain allowlist.
 * - A verified email that matches a user links the identity to that user (no duplicate account).
 * - Otherwise a new user is created (subject to the sign-up policy, see signUpDecision).
 */
export function decideSsoSignIn(input: { linkedUser: KnownUser | null; emailUser: KnownUser | null; identity: SsoIdentity }): SsoDecision {
  const { linkedUser, emailUser, identity } = input;
  if (linkedUser) return refuseInactive(linkedUser) ?? { kind: "sign-in", userId: linkedUser.id };
  if (!identity.email) return { kind: "refuse", code: "no_email" };
  if (!identity.emailVerified) return { kind: "refuse", code: "unverified_email" };
  if (emailUser) return refuseInactive(emailUser) ?? { kind: "link", userId: emailUser.id };
  return { kind: "create", email: identity.email };
}

export type SignUpResult = { ok: true; status: "active" | "pending"; invite?: { id: string } } | { ok: false; code: string };

/** What to do with a new SSO user once the sign-up policy has answered. */
export function signUpDecision(
  result: SignUpResult,
): { kind: "create"; status: "active" | "pending" } | { kind: "refuse"; code: SsoErrorCode; policyCode: string } {
  if (!result.ok) return { kind: "refuse", code: "signup", policyCode: result.code };
  return { kind: "create", status: result.status };
}

/** Where a refused sign-in lands: the sign-in page, which shows the localized message. */
export function ssoErrorPath(code: SsoErrorCode, policyCode?: string): string {
  const params = new URLSearchParams({ error: code });
  if (policyCode) params.set("code", policyCode);
  return `/sign-in?${params}`;
}
