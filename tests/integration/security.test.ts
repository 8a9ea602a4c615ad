import fs from "node:fs";
import path from "node:path";
import { hash } from "@node-rs/argon2";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CANARY_API_KEY, startApp, TEST_AUTH_SECRET, type AppServer } from "../support/app-server";
import { freshDatabase, type TestDatabase } from "../support/db";
import { startEmulator } from "../support/deepseek-emulator/server";
import { HttpClient, readUiStream } from "../support/http-client";

const PASSWORD = "integration-password";
let seq = 0;
const chatBody = (text: string) => {
  const n = `${Date.now().toString(36)}${(seq++).toString(36)}`;
  return { id: `sec${n}`, message: { id: `secm${n}`, role: "user", parts: [{ type: "text", text }] }, model: "deepseek-flash" };
};

/** The id Next.js assigned to a server action at build time. */
function serverActionId(exportedName: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.resolve(".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName: string }>;
  };
  const entry = Object.entries(manifest.node).find(([, v]) => v.exportedName === exportedName);
  if (!entry) throw new Error(`no server action ${exportedName} in the build`);
  return entry[0];
}

describe("security hardening (production build)", () => {
  let database: TestDatabase;
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let app: AppServer;
  let alice: HttpClient;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tokenDelayMs: 0 });
    database = await freshDatabase("sqlite");
    await database.db.user.create({ data: { email: "alice@example.com", passwordHash: await hash(PASSWORD), role: "admin" } });
    app = await startApp({ databaseUrl: database.url, deepseekBaseUrl: emulator.url });
    alice = new HttpClient(app.url);
    expect(await alice.signIn("alice@example.com", PASSWORD)).toBe(true);
  });
  afterAll(async () => {
    await app?.stop();
    await emulator?.close();
    await database?.cleanup();
  });

  it("sends a nonce CSP on pages, and Next.js puts the same nonce on its scripts", async () => {
    for (const p of ["/sign-in", "/sign-up", "/"]) {
      const res = await alice.fetch(p);
      const csp = res.headers.get("content-security-policy") ?? "";
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce, p).toBeTruthy();
      expect(csp).toContain("img-src 'self' data: blob:");
      expect(csp).not.toContain("unsafe-eval");
      const html = await res.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length, p).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, p).toContain(`nonce="${nonce}"`);
    }
    const a = (await alice.fetch("/sign-in")).headers.get("content-security-policy");
    const b = (await alice.fetch("/sign-in")).headers.get("content-security-policy");
    expect(a).not.toBe(b); // fresh per request
  });

  it("sends the static security headers everywhere, HSTS only over HTTPS", async () => {
    for (const p of ["/sign-in", "/api/health"]) {
      const res = await fetch(`${app.url}${p}`);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("x-powered-by")).toBeNull();
      expect(res.headers.get("strict-transport-security")).toBeNull();
      expect(res.headers.get("x-request-id")).toMatch(/^[\w-]{8,}$/);
    }
    const tls = await fetch(`${app.url}/sign-in`, { headers: { "x-forwarded-proto": "https" } });
    expect(tls.headers.get("strict-transport-security")).toContain("max-age=");
  });

  it("refuses cross-site state changes on route handlers, allows same-origin ones", async () => {
    const evil = await alice.json("/api/chat", chatBody("csrf"), { headers: { origin: "https://evil.example" } });
    expect(evil.status).toBe(403);
    expect(await evil.json()).toEqual({ error: { code: "forbidden:api", detail: { reason: "cross_origin" } } });
    const crossSite = await alice.fetch("/api/chats/whatever", { method: "DELETE", headers: { "sec-fetch-site": "cross-site" } });
    expect(crossSite.status).toBe(403);
    const nullOrigin = await alice.fetch("/api/chats/whatever", { method: "DELETE", headers: { origin: "null" } });
    expect(nullOrigin.status).toBe(403);

    const same = await alice.json("/api/chat", chatBody("same origin"), {
      headers: { origin: app.url, "sec-fetch-site": "same-origin" },
    });
    expect(same.status).toBe(200);
    expect((await readUiStream(same)).at(-1)).toMatchObject({ type: "finish", finishReason: "stop" });
    // GET is never state-changing: a cross-site GET is judged by cookies/CORS as usual.
    expect((await alice.fetch("/api/chats", { headers: { origin: "https://evil.example" } })).status).toBe(200);
  });

  it("lets Next.js refuse server actions from another origin", async () => {
    const id = serverActionId("signInAction");
    const post = (origin: string) => {
      const form = new FormData();
      form.set("_1_email", "alice@example.com"); // React encodes (prevState, form) fields as _1_<name>
      form.set("_1_password", "wrong-password");
      form.set("0", JSON.stringify([{}, "$K1"]));
      return fetch(`${app.url}/sign-in`, {
        method: "POST",
        headers: { "next-action": id, origin, accept: "text/x-component" },
        body: form,
        redirect: "manual",
      });
    };
    const evil = await post("https://evil.example");
    const evilBody = await evil.text();
    const ok = await post(app.url);
    const okBody = await ok.text();
    expect(ok.status).toBe(200);
    expect(okBody).toContain("invalid_credentials"); // the action ran
    expect(evil.status).toBe(500); // Next.js: "Invalid Server Actions request" (origin ≠ host)
    expect(evilBody).not.toContain("invalid_credentials");
  });

  it("caps request bodies before and while reading them", async () => {
    const huge = await alice.fetch("/api/chat", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "x".repeat(3 * 1024 * 1024),
    });
    expect(huge.status).toBe(413);
    // The chat route is outside the proxy's matcher: it refuses on the declared length itself, and says the limit.
    expect(await huge.json()).toEqual({ error: { code: "payload_too_large:api", detail: { maxBytes: 1024 * 1024 } } });

    const overRoute = await alice.json("/api/chat", chatBody("y".repeat(1024 * 1024 + 10)));
    expect(overRoute.status).toBe(413);
    expect(((await overRoute.json()) as { error: { code: string } }).error.code).toBe("payload_too_large:api");

    // No Content-Length (chunked): counted while reading.
    const chunk = new TextEncoder().encode("z".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent++ < 20) c.enqueue(chunk);
        else c.close();
      },
    });
    const chunked = await alice.fetch("/api/chat", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
    // The unread rest of the body is not taken for the next request on the connection: it is closed.
    expect(chunked.headers.get("connection")).toBe("close");

    for (const method of ["GET", "DELETE"]) {
      const badParam = await alice.fetch(`/api/chats/${"a".repeat(65)}`, { method });
      expect(badParam.status).toBe(400);
      expect(await badParam.json()).toEqual({ error: { code: "bad_request:api", detail: { reason: "invalid_params" } } });
    }

    const invalid = await alice.json("/api/chat", { id: "x", message: { id: 5 } });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { code: string } }).error.code).toBe("bad_request:api");
  });

  it("sets session cookies HttpOnly and SameSite, Secure with the __Secure- prefix over HTTPS", async () => {
    const signIn = async (extra: Record<string, string>) => {
      const csrfRes = await fetch(`${app.url}/api/auth/csrf`, { headers: extra });
      const csrfCookie = csrfRes.headers.getSetCookie();
      const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
      const res = await fetch(`${app.url}/api/auth/callback/credentials`, {
        method: "POST",
        redirect: "manual",
        headers: {
          ...extra,
          "content-type": "application/x-www-form-urlencoded",
          cookie: csrfCookie.map((c) => c.split(";")[0]).join("; "),
        },
        body: new URLSearchParams({ csrfToken, email: "alice@example.com", password: PASSWORD, callbackUrl: "/" }),
      });
      return [...csrfCookie, ...res.headers.getSetCookie()];
    };
    const plain = await signIn({});
    const session = plain.find((c) => c.startsWith("authjs.session-token="))!;
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).toMatch(/;\s*SameSite=Lax/i);
    expect(plain.find((c) => c.startsWith("authjs.csrf-token="))).toMatch(/HttpOnly/i);

    const tls = await signIn({ "x-forwarded-proto": "https" });
    const secure = tls.find((c) => c.startsWith("__Secure-authjs.session-token="))!;
    expect(secure).toMatch(/;\s*Secure/i);
    expect(secure).toMatch(/;\s*HttpOnly/i);
    expect(tls.find((c) => c.startsWith("__Host-authjs.csrf-token="))).toMatch(/Secure/i);
  });

  it("reads the session cookie without re-issuing it, renews it once a day, and refuses a forged one", async () => {
    const sessionCookies = (res: Response) => res.headers.getSetCookie().filter((c) => c.includes("authjs.session-token"));
    // A cookie issued just now is read, not re-encrypted and sent back with every response.
    const fresh = await alice.fetch("/api/chats");
    expect(fresh.status).toBe(200);
    expect(sessionCookies(fresh)).toEqual([]);

    const { id } = await database.db.user.findUniqueOrThrow({ where: { email: "alice@example.com" } });
    const salt = "authjs.session-token";
    const withCookie = (value: string) => fetch(`${app.url}/api/chats`, { headers: { cookie: `${salt}=${value}` } });
    // One issued more than a day ago (it expires in 29 of its 30 days): accepted, and renewed.
    const old = await encode({ token: { sub: id, sv: 0 }, secret: TEST_AUTH_SECRET, salt, maxAge: 29 * 24 * 3600 });
    const renewed = await withCookie(old);
    expect(renewed.status).toBe(200);
    const [again] = sessionCookies(renewed);
    expect(again).toMatch(/^authjs\.session-token=/);
    const expires = Date.parse(/Expires=([^;]+)/i.exec(again)![1]);
    expect(expires - Date.now()).toBeGreaterThan(29.5 * 24 * 3600 * 1000);

    // Sealed with another secret, or tampered with: not a session.
    const forged = await encode({ token: { sub: id, sv: 0 }, secret: "not-the-secret-0123456789abcdef0123", salt, maxAge: 3600 });
    const tampered = `${old.slice(0, -4)}${old.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}`;
    for (const value of [forged, tampered]) {
      const res = await withCookie(value);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { code: "unauthorized:auth" } });
    }
  });

  it("logs one JSON line per API request with its request id, and never a secret", async () => {
    const res = await alice.fetch("/api/chats", { headers: { "x-request-id": "test-req-0001", authorization: "Bearer sk-should-not-leak-123" } });
    expect(res.headers.get("x-request-id")).toBe("test-req-0001");
    await readUiStream(await alice.json("/api/chat", chatBody("[[error:401]] leak check")));
    await new Promise((r) => setTimeout(r, 200));
    const lines = app
      .output()
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.requestId === "test-req-0001")).toMatchObject({ level: "info", msg: "request", method: "GET", path: "/api/chats", status: 200 });
    const out = app.output();
    const cookieValues = alice.cookieHeader().split("; ").map((kv) => kv.slice(kv.indexOf("=") + 1));
    expect(cookieValues.length).toBeGreaterThan(0);
    for (const secret of [CANARY_API_KEY, TEST_AUTH_SECRET, "sk-should-not-leak-123", ...cookieValues]) {
      expect(out).not.toContain(secret);
    }
  });
});
