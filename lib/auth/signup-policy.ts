import "server-only";
import { z } from "zod";
import { hashToken } from "@/lib/api/tokens";
import { findInvitationByHash, markInvitationUsed } from "@/lib/db/queries/invitations";
import { getSetting, putSetting } from "@/lib/db/queries/settings";
import { countUsers, normalizeEmail } from "@/lib/db/queries/users";
import { env } from "@/lib/env";

// The one place that decides whether an email may create an account, for every sign-up path
// (password form, invitation link, and OAuth/OIDC sign-ups). The first account is always allowed.

const domain = z
  .string()
  .trim()
  .toLowerCase()
  .transform((d) => d.replace(/^@/, ""))
  .pipe(z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, "not a domain"));

export const signupPolicySchema = z.object({
  mode: z.enum(["open", "invite", "closed"]),
  emailDomains: z.array(domain).max(100),
  requireApproval: z.boolean(),
});
export type SignupPolicy = z.infer<typeof signupPolicySchema>;

const KEY = "signup";

function envPolicy(): SignupPolicy {
  return { mode: env.SIGNUP_POLICY, emailDomains: env.SIGNUP_EMAIL_DOMAINS, requireApproval: env.SIGNUP_REQUIRE_APPROVAL };
}

/** The stored policy (set in the console), else the one from the environment. */
export async function getSignupPolicy(): Promise<SignupPolicy> {
  const stored = signupPolicySchema.safeParse(await getSetting<unknown>({ key: KEY }));
  return stored.success ? stored.data : envPolicy();
}

export async function updateSignupPolicy(patch: Partial<SignupPolicy>): Promise<SignupPolicy> {
  const next = signupPolicySchema.parse({ ...(await getSignupPolicy()), ...patch });
  await putSetting({ key: KEY, value: next });
  return next;
}

export type SignUpDecision =
  | { ok: true; status: "active" | "pending"; invite?: { id: string; role?: "admin" | "member" } }
  | { ok: false; code: SignUpRefusal };
export type SignUpRefusal = "signup_closed" | "invite_required" | "invite_invalid" | "invite_email_mismatch" | "domain_not_allowed";

export function emailDomainAllowed(email: string, domains: readonly string[]): boolean {
  if (domains.length === 0) return true;
  const at = normalizeEmail(email).split("@").at(-1) ?? "";
  return domains.includes(at);
}

/**
 * May `email` create an account now? With a valid invitation it may, whatever the mode (an
 * invitation for a fixed email only for that email); invited accounts skip approval because an
 * admin chose them. Call consumeInvite() once the account exists.
 */
export async function checkSignUp({ email, inviteToken }: { email: string; inviteToken?: string | null }): Promise<SignUpDecision> {
  if ((await countUsers()) === 0) return { ok: true, status: "active" };
  if (inviteToken) {
    const invite = await findInvitationByHash({ tokenHash: hashToken(inviteToken) });
    if (!invite || invite.usedAt || invite.revokedAt || invite.expiresAt <= new Date()) return { ok: false, code: "invite_invalid" };
    if (invite.email && invite.email !== normalizeEmail(email)) return { ok: false, code: "invite_email_mismatch" };
    return { ok: true, status: "active", invite: { id: invite.id, role: invite.role === "admin" ? "admin" : "member" } };
  }
  const policy = await getSignupPolicy();
  if (policy.mode === "closed") return { ok: false, code: "signup_closed" };
  if (policy.mode === "invite") return { ok: false, code: "invite_required" };
  if (!emailDomainAllowed(email, policy.emailDomains)) return { ok: false, code: "domain_not_allowed" };
  return { ok: true, status: policy.requireApproval ? "pending" : "active" };
}

/** Marks the invitation used by the new account; false if another sign-up used it first. */
export async function consumeInvite({ inviteId, userId }: { inviteId: string; userId: string }): Promise<boolean> {
  return markInvitationUsed({ id: inviteId, userId, now: new Date() });
}
