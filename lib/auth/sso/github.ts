import "server-only";

const API = "https://api.github.com";

type GitHubEmail = { email: string; primary: boolean; verified: boolean };

/**
 * GitHub's /user shows only a public email and says nothing about verification, so the profile's
 * email is always the PRIMARY address from /user/emails, with its `verified` flag as
 * `email_verified` (Auth.js's default falls back to an unverified address). Without that list
 * (scope refused) the identity has no verified email and can only sign in once already linked.
 */
export async function githubProfile({ tokens }: { tokens: { access_token?: string } }): Promise<Record<string, unknown>> {
  const headers = { Authorization: `Bearer ${tokens.access_token}`, "User-Agent": "shoal", Accept: "application/vnd.github+json" };
  const profile = (await (await fetch(`${API}/user`, { headers })).json()) as Record<string, unknown>;
  let primary: GitHubEmail | undefined;
  const res = await fetch(`${API}/user/emails`, { headers });
  if (res.ok) primary = ((await res.json()) as GitHubEmail[]).find((e) => e.primary);
  return { ...profile, email: primary?.email ?? null, email_verified: primary?.verified === true };
}
