// OIDC sign-in end to end over HTTP: the production build (`next start`) configured by env with a
// REAL OpenID Connect provider (panva's oidc-provider, tests/support/oidc-provider.ts) as issuer.
// Every request a browser would make is made: Auth.js's sign-in POST, the authorization request
// with PKCE, the provider's login form, the redirect back with code + state, the token and
// userinfo calls (server to server), and the session cookie.
import fs from "node:fs";
import path from "node:path";
import { hash } from "@node-rs/argon2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startApp, type AppServer } from "../support/app-server";
import { freshDatabase, type TestDatabase } from "../support/db";
import { startEmulator } from "../support/deepseek-emulator/server";
import { HttpClient } from "../support/http-client";
import { startOidcProvider, type OidcTestProvider } from "../support/oidc-provider";

const PASSWORD = "integration-password";
const IDP_PASSWORD = "idp-password";

type Flow = { final: URL; authorize: URL; chain: string[] };

/** Follows redirects across the app and the provider (one cookie jar: both live on 127.0.0.1). */
async function follow(client: HttpClient, start: URL, res: Response, chain: string[]): Promise<{ url: URL; res: Response }> {
  let url = start;
  for (let i = 0; i < 10 && res.status >= 300 && res.status < 400; i++) {
    await res.arrayBuffer();
    url = new URL(res.headers.get("location")!, url);
    chain.push(url.toString());
    res = await client.fetch(url.toString());
  }
  return { url, res };
}

/** Signs in with the local provider as `login`; returns where the browser ends up. */
async function oidcSignIn(client: HttpClient, login: string, password = IDP_PASSWORD): Promise<Flow> {
  const chain: string[] = [];
  const csrf = (await (await client.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  const start = await client.fetch("/api/auth/signin/oidc", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken: csrf.csrfToken, callbackUrl: "/" }),
  });
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.get("location")!);
  let { url, res } = await follow(client, authorize, await client.fetch(authorize.toString()), chain);
  expect(url.pathname).toMatch(/^\/interaction\//);
  expect(await res.text()).toContain('name="password"');
  const submit = new URL(`${url.pathname}/login`, url);
  res = await client.fetch(submit.toString(), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ login, password }),
  });
  ({ url } = await follow(client, submit, res, chain));
  return { final: url, authorize, chain };
}

async function sessionUserId(client: HttpClient): Promise<string | undefined> {
  const session = (await (await client.fetch("/api/auth/session")).json()) as { user?: { id?: string } } | null;
  return session?.user?.id;
}

const hasSessionCookie = (client: HttpClient) => /authjs\.session-token=/.test(client.cookieHeader());

describe.each(["sqlite", "postgresql"] as const)("OIDC sign-in against a real local provider (%s)", (provider) => {
  let database: TestDatabase;
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let idp: OidcTestProvider;
  let app: AppServer;
  let base: string;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tokenDelayMs: 0 });
    database = await freshDatabase(provider);
    const appPort = await freePort();
    base = `http://localhost:${appPort}`;
    idp = await startOidcProvider({
      // Next.js's request URLs say "localhost" for 127.0.0.1, so the app is addressed as localhost.
      redirectUris: [`${base}/api/auth/callback/oidc`],
      accounts: [
        { login: "first", password: IDP_PASSWORD, sub: "sub-first", email: "First.Admin@Example.com ", email_verified: true, name: "First Admin" },
        { login: "bob", password: IDP_PASSWORD, sub: "sub-bob", email: "BOB@example.com", email_verified: true, name: "Bob at IdP" },
        { login: "carol", password: IDP_PASSWORD, sub: "sub-carol", email: "carol@example.com", email_verified: false },
        { login: "newbie", password: IDP_PASSWORD, sub: "sub-newbie", email: "newbie@example.com", email_verified: "false" },
        { login: "dave", password: IDP_PASSWORD, sub: "sub-dave", email: "dave@example.com", email_verified: true },
        { login: "erin", password: IDP_PASSWORD, sub: "sub-erin", email: "erin@example.com", email_verified: true },
        { login: "nomail", password: IDP_PASSWORD, sub: "sub-nomail" },
      ],
    });
    app = await startApp({
      port: appPort,
      databaseUrl: database.url,
      deepseekBaseUrl: emulator.url,
      extraEnv: {
        AUTH_URL: base,
        AUTH_OIDC_ISSUER: idp.issuer, AUTH_OIDC_ID: idp.clientId, AUTH_OIDC_SECRET: idp.clientSecret, AUTH_OIDC_NAME: "Local IdP",
      },
    });
  });
  afterAll(async () => {
    await app?.stop();
    await idp?.close();
    await emulator?.close();
    await database?.cleanup();
  });

  it("discovers the provider and shows only the configured provider's button", async () => {
    const meta = (await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(meta.issuer).toBe(idp.issuer);
    expect(meta.code_challenge_methods_supported).toContain("S256");
    const signIn = await (await fetch(`${base}/sign-in`)).text();
    expect(signIn).toContain("Sign in with Local IdP");
    expect(signIn).not.toContain("Sign in with GitHub");
    expect(signIn).not.toContain("Sign in with Google");
    const signUp = await (await fetch(`${base}/sign-up`, { headers: { "accept-language": "zh-CN" } })).text();
    expect(signUp).toContain("使用 Local IdP 注册");
  });

  it("runs the authorization code flow with PKCE and state, and the first account becomes an active admin", async () => {
    const client = new HttpClient(base);
    const { final, authorize, chain } = await oidcSignIn(client, "first");
    expect(authorize.origin).toBe(idp.issuer);
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorize.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(authorize.searchParams.get("state")).toBeTruthy();
    expect(authorize.searchParams.get("scope")).toBe("openid email profile");
    expect(authorize.searchParams.get("redirect_uri")).toBe(`${base}/api/auth/callback/oidc`);
    expect(chain.some((u) => u.startsWith(`${base}/api/auth/callback/oidc?code=`))).toBe(true);
    expect(final.toString()).toBe(`${base}/`);

    const user = await database.db.user.findUniqueOrThrow({ where: { email: "first.admin@example.com" }, include: { accounts: true } });
    expect(user).toMatchObject({ role: "admin", status: "active", name: "First Admin", passwordHash: null });
    expect(user.emailVerified).toBeInstanceOf(Date);
    expect(user.accounts).toHaveLength(1);
    expect(user.accounts[0]).toMatchObject({ provider: "oidc", providerAccountId: "sub-first", type: "oidc", access_token: null, id_token: null });
    expect(await sessionUserId(client)).toBe(user.id);
    const home = await client.fetch("/");
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('data-testid="composer-input"');

    // Signing in again finds the linked identity: no second user, no second account.
    const again = new HttpClient(base);
    expect((await oidcSignIn(again, "first")).final.toString()).toBe(`${base}/`);
    expect(await sessionUserId(again)).toBe(user.id);
    expect(await database.db.account.count({ where: { userId: user.id } })).toBe(1);
  });

  it("links a verified email to the existing password account instead of creating a duplicate", async () => {
    const bob = await database.db.user.create({ data: { email: "bob@example.com", passwordHash: await hash(PASSWORD), name: "Bob" } });
    const users = await database.db.user.count();
    const client = new HttpClient(base);
    expect((await oidcSignIn(client, "bob")).final.toString()).toBe(`${base}/`);
    expect(await sessionUserId(client)).toBe(bob.id);
    expect(await database.db.user.count()).toBe(users);
    const linked = await database.db.account.findMany({ where: { userId: bob.id } });
    expect(linked.map((a) => a.providerAccountId)).toEqual(["sub-bob"]);
    const after = await database.db.user.findUniqueOrThrow({ where: { id: bob.id } });
    expect(after).toMatchObject({ role: "member", name: "Bob" });
    expect(after.emailVerified).toBeInstanceOf(Date);
    // The password still works.
    expect(await new HttpClient(base).signIn("bob@example.com", PASSWORD)).toBe(true);
  });

  it("refuses an unverified email: no link to the existing account, no new account, a clear message", async () => {
    const carol = await database.db.user.create({ data: { email: "carol@example.com", passwordHash: await hash(PASSWORD) } });
    const client = new HttpClient(base);
    const { final } = await oidcSignIn(client, "carol");
    expect(final.pathname).toBe("/sign-in");
    expect(final.searchParams.get("error")).toBe("unverified_email");
    expect(hasSessionCookie(client)).toBe(false);
    expect(await sessionUserId(client)).toBeUndefined();
    expect(await database.db.account.count({ where: { userId: carol.id } })).toBe(0);
    const page = await (await client.fetch(final.toString())).text();
    expect(page).toContain('data-code="unverified_email"');
    expect(page).toContain("no verified email address");

    const users = await database.db.user.count();
    const newbie = new HttpClient(base);
    const refused = await oidcSignIn(newbie, "newbie");
    expect(refused.final.searchParams.get("error")).toBe("unverified_email");
    expect(await database.db.user.count()).toBe(users);

    const nomail = await oidcSignIn(new HttpClient(base), "nomail");
    expect(nomail.final.searchParams.get("error")).toBe("no_email");
  });

  it("refuses disabled (and pending) users, whether found by email or by an already linked identity", async () => {
    await database.db.user.create({ data: { email: "dave@example.com", passwordHash: await hash(PASSWORD), status: "disabled" } });
    const dave = new HttpClient(base);
    const { final } = await oidcSignIn(dave, "dave");
    expect(final.searchParams.get("error")).toBe("disabled");
    expect(hasSessionCookie(dave)).toBe(false);
    expect(await database.db.account.count({ where: { providerAccountId: "sub-dave" } })).toBe(0);

    const erinClient = new HttpClient(base);
    expect((await oidcSignIn(erinClient, "erin")).final.toString()).toBe(`${base}/`);
    const erin = await database.db.user.findUniqueOrThrow({ where: { email: "erin@example.com" } });
    expect(erin.role).toBe("member");
    await database.db.user.update({ where: { id: erin.id }, data: { status: "disabled" } });
    const again = new HttpClient(base);
    expect((await oidcSignIn(again, "erin")).final.searchParams.get("error")).toBe("disabled");
    expect(hasSessionCookie(again)).toBe(false);
    // The session from before is worthless too: every request re-reads the user.
    expect((await erinClient.fetch("/")).status).toBe(307);
    // Waiting for approval is refused with its own message.
    await database.db.user.update({ where: { id: erin.id }, data: { status: "pending" } });
    expect((await oidcSignIn(new HttpClient(base), "erin")).final.searchParams.get("error")).toBe("pending");
  });

  it("rejects a callback whose state does not match (no session)", async () => {
    const client = new HttpClient(base);
    const csrf = (await (await client.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    await client.fetch("/api/auth/signin/oidc", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken: csrf.csrfToken, callbackUrl: "/" }),
    });
    const res = await client.fetch("/api/auth/callback/oidc?code=forged&state=forged");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`${base}/sign-in?error=Configuration`);
    expect(hasSessionCookie(client)).toBe(false);
  });

  it("starts the flow from the sign-in page's server action, which redirects to the provider", async () => {
    const manifest = JSON.parse(fs.readFileSync(path.resolve(".next/server/server-reference-manifest.json"), "utf8")) as {
      node: Record<string, { exportedName: string }>;
    };
    const id = Object.entries(manifest.node).find(([, v]) => v.exportedName === "ssoSignInAction")?.[0];
    expect(id).toBeTruthy();
    // The form's plain (multipart) submission; the browser path (fetch + client navigation) is the e2e spec.
    const post = (providerId: string, inviteToken?: string) => {
      const form = new FormData();
      form.set(`$ACTION_ID_${id}`, "");
      form.set("provider", providerId);
      if (inviteToken) form.set("inviteToken", inviteToken);
      return fetch(`${base}/sign-in`, { method: "POST", headers: { origin: base }, body: form, redirect: "manual" });
    };
    const res = await post("oidc");
    expect(res.status).toBe(303);
    const target = new URL(res.headers.get("location")!);
    expect(target.origin + target.pathname).toBe(`${idp.issuer}/auth`);
    expect(target.searchParams.get("code_challenge_method")).toBe("S256");
    expect(res.headers.getSetCookie().some((c) => c.includes("authjs.pkce.code_verifier="))).toBe(true);
    expect(res.headers.getSetCookie().some((c) => c.startsWith("shoal-sso-invite="))).toBe(false);
    // An invitation on the page travels to the callback (for the sign-up policy) in an httpOnly cookie.
    const invited = await post("oidc", "invite-token-123");
    const inviteCookie = invited.headers.getSetCookie().find((c) => c.startsWith("shoal-sso-invite="));
    expect(inviteCookie).toMatch(/^shoal-sso-invite=invite-token-123;.*HttpOnly/i);
    // A provider that is not configured does nothing.
    const github = await post("github");
    expect(github.headers.get("location") ?? "").not.toContain("github.com");
  });
});
