import { hash } from "@node-rs/argon2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppServer } from "../support/app-server";
import { freshDatabase, type TestDatabase } from "../support/db";
import { startEmulator } from "../support/deepseek-emulator/server";
import { HttpClient } from "../support/http-client";
import { callAction } from "../support/server-actions";
import { startSmtpSink } from "../support/smtp-sink";
import { callbackSignIn, PASSWORD, signedIn } from "../support/teams-helpers";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

describe.each(["memory", "redis"] as const)("sign-in rate limits in %s (production build, SQLite)", (store) => {
  let database: TestDatabase;
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let app: AppServer;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tokenDelayMs: 0 });
    database = await freshDatabase("sqlite");
    await database.db.user.create({ data: { email: "known@example.com", passwordHash: await hash(PASSWORD), role: "admin" } });
    app = await startApp({ databaseUrl: database.url, deepseekBaseUrl: emulator.url, extraEnv: {
        SIGNIN_MAX_FAILURES_PER_ACCOUNT: "3",
        SIGNIN_MAX_FAILURES_PER_IP: "9",
        ...(store === "redis" ? { REDIS_URL, REDIS_KEY_PREFIX: `shoal-test-signin-${process.pid}-${Date.now()}` } : {}),
      },
    });
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    await emulator?.close();
    await database?.cleanup();
  });

  it("limits failures per account the same way for known and unknown emails", async () => {
    const outcomes: Record<string, string[]> = { known: [], unknown: [] };
    for (let i = 0; i < 3; i++) {
      outcomes.known.push((await callbackSignIn(app, "known@example.com", "wrong")).location.replace(/^https?:\/\/[^/]+/, ""));
      outcomes.unknown.push((await callbackSignIn(app, "unknown@example.com", "wrong")).location.replace(/^https?:\/\/[^/]+/, ""));
    }
    expect(outcomes.known).toEqual(outcomes.unknown);
    expect(outcomes.known[0]).toContain("error=CredentialsSignin");
    const knownLimited = await callbackSignIn(app, "known@example.com", PASSWORD); // even the right password
    const unknownLimited = await callbackSignIn(app, "unknown@example.com", PASSWORD);
    expect(knownLimited.ok).toBe(false);
    expect(knownLimited.location).toContain("code=rate_limited");
    expect(unknownLimited.location.replace(/^https?:\/\/[^/]+/, "")).toBe(knownLimited.location.replace(/^https?:\/\/[^/]+/, ""));
    const form = await callAction(new HttpClient(app.url), "signInAction", "/sign-in", { email: "Known@Example.com", password: PASSWORD });
    expect(form.text).toContain("rate_limited");
  });

  it("limits failures per client IP across accounts", async () => {
    // 6 failures so far from this IP; three more reach the limit of 9.
    for (const email of ["a@example.com", "b@example.com", "c@example.com"]) expect((await callbackSignIn(app, email, "wrong")).location).not.toContain("rate_limited");
    expect((await callbackSignIn(app, "d@example.com", "wrong")).location).toContain("code=rate_limited");
  });
});

describe("password reset links by mail when SMTP_URL is set (production build, SQLite)", () => {
  let database: TestDatabase;
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let app: AppServer;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tokenDelayMs: 0 });
    smtp = await startSmtpSink();
    database = await freshDatabase("sqlite");
    await database.db.user.create({ data: { email: "boss@example.com", passwordHash: await hash(PASSWORD), role: "admin" } });
    await database.db.user.create({ data: { email: "forgetful@example.com", passwordHash: await hash(PASSWORD) } });
    app = await startApp({ databaseUrl: database.url, deepseekBaseUrl: emulator.url, extraEnv: { SMTP_URL: smtp.url, SMTP_FROM: "Shoal <shoal@example.com>" } });
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    await smtp?.close();
    await emulator?.close();
    await database?.cleanup();
  });

  it("mails the link to the user and still shows it to the admin", async () => {
    const boss = await signedIn(app, "boss@example.com");
    const target = await database.db.user.findUniqueOrThrow({ where: { email: "forgetful@example.com" } });
    const res = await boss.fetch(`/api/admin/users/${target.id}/password-reset`, { method: "POST" });
    expect(res.status).toBe(201);
    const { url, emailed } = (await res.json()) as { url: string; emailed: boolean };
    expect(emailed).toBe(true);
    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0];
    expect(mail.to.join()).toContain("forgetful@example.com");
    expect(mail.from).toContain("shoal@example.com");
    expect(mail.data.replace(/=\r\n/g, "")).toContain(url.split("/reset-password/")[1]);
  });
});
