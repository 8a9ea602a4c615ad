import { hash } from "@node-rs/argon2";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppServer } from "../support/app-server";
import { freshDatabase, type TestDatabase } from "../support/db";
import { startEmulator } from "../support/deepseek-emulator/server";
import { HttpClient, readUiStream } from "../support/http-client";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
const PASSWORD = "integration-password";
let seq = 0;
const newId = (prefix: string) => `${prefix}${Date.now().toString(36)}${(seq++).toString(36)}`;
const chatBody = (text: string) => ({
  id: newId("c"),
  message: { id: newId("m"), role: "user", parts: [{ type: "text", text }] },
  model: "deepseek-flash",
  thinking: false,
});
const none = { dailyTokens: null, monthlyTokens: null, dailyUsd: null, monthlyUsd: null };

describe("budgets enforced before DeepSeek is called (sqlite)", () => {
  let emulator: Emulator;
  let database: TestDatabase;
  let app: AppServer;
  let admin: HttpClient;
  let bob: HttpClient;
  let bobId: string;
  let openai: OpenAI;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tokenDelayMs: 0 });
    database = await freshDatabase("sqlite");
    const passwordHash = await hash(PASSWORD);
    await database.db.user.create({ data: { email: "admin@example.com", passwordHash, role: "admin" } });
    bobId = (await database.db.user.create({ data: { email: "bob@example.com", passwordHash } })).id;
    app = await startApp({ databaseUrl: database.url, deepseekBaseUrl: emulator.url });
    admin = new HttpClient(app.url);
    bob = new HttpClient(app.url);
    expect(await admin.signIn("admin@example.com", PASSWORD)).toBe(true);
    expect(await bob.signIn("bob@example.com", PASSWORD)).toBe(true);
    const token = ((await (await bob.json("/api/tokens", { name: "t" })).json()) as { token: string }).token;
    openai = new OpenAI({ baseURL: `${app.url}/api/v1`, apiKey: token, maxRetries: 0 });
  });

  afterAll(async () => {
    await app?.stop();
    await emulator?.close();
    await database?.cleanup();
  });

  const bobTokens = async () => {
    const rows = await database.db.usageRecord.findMany({ where: { userId: bobId } });
    return rows.reduce((n, r) => n + r.inputCacheHitTokens + r.inputCacheMissTokens + r.outputTokens, 0);
  };
  const ask = () => openai.chat.completions.create({ model: "deepseek-chat", messages: [{ role: "user", content: "Hello there" }] });

  it("warns at 80 %, refuses at the limit with when it resets, on the API and in the chat", async () => {
    await ask();
    const used = await bobTokens();
    // The role default: one more request fits (ratio 0.9 → warning), the one after does not.
    const limit = Math.ceil(used / 0.9);
    expect((await admin.json("/api/admin/usage-settings", { roleBudgets: { admin: none, member: { ...none, dailyTokens: limit } } }, { method: "PUT" })).status).toBe(200);

    const warned = await ask().withResponse();
    expect(warned.response.headers.get("x-shoal-budget-warning")).toMatch(/^daily tokens 0\.9/);
    const calls = emulator.requests.length;

    const refused = await ask().then(() => undefined, (e: unknown) => e as { status: number; code: string; message: string });
    expect(refused).toMatchObject({ status: 429, code: "quota:budget" });
    const tomorrow = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 1));
    expect(refused!.message).toContain(tomorrow.toISOString());
    expect(emulator.requests.length).toBe(calls);

    const chat = await bob.json("/api/chat", chatBody("hi"));
    expect(chat.status).toBe(429);
    expect(((await chat.json()) as { error: { code: string; detail: Record<string, unknown> } }).error).toMatchObject({
      code: "quota:budget",
      detail: { scope: "user", period: "daily", unit: "tokens", resetsAt: tomorrow.toISOString() },
    });
    expect(emulator.requests.length).toBe(calls);
  });

  it("lets an admin override one user's budget, and members cannot", async () => {
    expect((await bob.json(`/api/admin/budgets/${bobId}`, { ...none, dailyTokens: 1e9 }, { method: "PUT" })).status).toBe(403);
    expect((await admin.json(`/api/admin/budgets/${bobId}`, { ...none, dailyTokens: 1e9 }, { method: "PUT" })).status).toBe(200);
    await expect(ask()).resolves.toBeDefined();
    await readUiStream(await bob.json("/api/chat", chatBody("hi again")));
    expect((await admin.json(`/api/admin/budgets/${bobId}`, none, { method: "PUT" })).status).toBe(200);
    await expect(ask()).rejects.toMatchObject({ status: 429, code: "quota:budget" });
  });

  it("applies a saved setting at once (kept in memory between changes): the admin sees it, the next turn follows it", async () => {
    expect((await admin.json("/api/admin/usage-settings", { roleBudgets: { admin: none, member: none } }, { method: "PUT" })).status).toBe(200);
    // Turns read the settings, so this instance holds a copy when the admin saves.
    const warm = await bob.json("/api/chat", chatBody("warm"));
    expect(warm.status).toBe(200);
    await readUiStream(warm);
    const member = { ...none, dailyTokens: 1 };
    expect((await admin.json("/api/admin/usage-settings", { roleBudgets: { admin: none, member } }, { method: "PUT" })).status).toBe(200);
    expect(await (await admin.fetch("/api/admin/usage-settings")).json()).toMatchObject({ roleBudgets: { member } });
    expect((await bob.json("/api/chat", chatBody("refused"))).status).toBe(429);

    expect((await admin.json("/api/admin/usage-settings", { roleBudgets: { admin: none, member: none } }, { method: "PUT" })).status).toBe(200);
    expect(await (await admin.fetch("/api/admin/usage-settings")).json()).toMatchObject({ roleBudgets: { member: none } });
    const ok = await bob.json("/api/chat", chatBody("admitted"));
    expect(ok.status).toBe(200);
    await readUiStream(ok);
  });

  it("enforces the instance-wide monthly cap for everyone", async () => {
    await admin.json("/api/admin/usage-settings", { roleBudgets: { admin: none, member: none }, instanceMonthlyUsd: 0.0000001 }, { method: "PUT" });
    const res = await admin.json("/api/chat", chatBody("admin too"));
    expect(res.status).toBe(429);
    expect(((await res.json()) as { error: { detail: Record<string, unknown> } }).error.detail).toMatchObject({ scope: "instance", period: "monthly", unit: "usd" });
    await admin.json("/api/admin/usage-settings", { instanceMonthlyUsd: null }, { method: "PUT" });
    await expect(ask()).resolves.toBeDefined();
  });
});
