import "server-only";

// PLACEHOLDER (feat/oidc): the sign-up policy (open / invite-only / closed, domain allowlist,
// approval) is built on another branch, which replaces this file with the real implementation at
// merge. Until then every sign-up is allowed and active. Keep this exact signature.
export async function checkSignUp({
  email,
  inviteToken,
}: {
  email: string;
  inviteToken?: string | null;
}): Promise<{ ok: true; status: "active" | "pending"; invite?: { id: string } } | { ok: false; code: string }> {
  void email;
  void inviteToken;
  return { ok: true, status: "active" };
}
