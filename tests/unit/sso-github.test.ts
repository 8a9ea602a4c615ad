import { afterEach, describe, expect, it, vi } from "vitest";
import { githubProfile } from "@/lib/auth/sso/github";
import { ssoIdentity } from "@/lib/auth/sso/decide";

// GitHub's API answers are stubbed here (the real service is not reachable from tests); what is
// checked is which address Shoal takes from them and whether it counts as verified.
function stubGitHub(user: Record<string, unknown>, emails: unknown[] | null) {
  const calls: string[] = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    calls.push(`${url} ${new Headers(init.headers).get("authorization")}`);
    if (url.endsWith("/user")) return Response.json(user);
    return emails ? Response.json(emails) : new Response("Forbidden", { status: 403 });
  });
  return calls;
}

const identity = async () =>
  ssoIdentity("github", await githubProfile({ tokens: { access_token: "gho_x" } }), { trustOidcEmail: true });

describe("GitHub profile: only a verified primary email counts", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("takes the primary address, not the public one, with its verified flag", async () => {
    const calls = stubGitHub({ id: 1, login: "alice", email: "public@example.com" }, [
      { email: "other@example.com", primary: false, verified: true },
      { email: "Alice@Example.com", primary: true, verified: true },
    ]);
    expect(await identity()).toEqual({ email: "alice@example.com", emailVerified: true });
    expect(calls).toEqual(["https://api.github.com/user Bearer gho_x", "https://api.github.com/user/emails Bearer gho_x"]);
  });

  it("an unverified primary address is not verified, even if another address is", async () => {
    stubGitHub({ id: 1, login: "alice" }, [
      { email: "alice@example.com", primary: true, verified: false },
      { email: "alt@example.com", primary: false, verified: true },
    ]);
    expect(await identity()).toEqual({ email: "alice@example.com", emailVerified: false });
  });

  it("without access to the address list there is no email (the public one is not trusted)", async () => {
    stubGitHub({ id: 1, login: "alice", email: "public@example.com" }, null);
    expect(await identity()).toEqual({ email: null, emailVerified: false });
  });
});
