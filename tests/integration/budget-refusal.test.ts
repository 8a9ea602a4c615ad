import { hash } from "@node-rs/argon2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppServer } from "../support/app-server";
import { freshDatabase, type TestDatabase } from "../support/db";
import { startEmulator } from "../support/deepseek-emulator/server";
import { HttpClient, readUiStream } from "../support/http-client";
import { chatBody, newId } from "../support/chat-helpers";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
const PASSWORD = "integration-password";
type Limits = Record<"dailyTokens" | "monthlyTokens" | "dailyUsd" | "monthlyUsd", number | null>;
const none: Limits = { dailyTokens: null, monthlyTokens: null, dailyUsd: null, monthlyUsd: null };

// A refused request must leave nothing behind: the budget (and rate/concurrency limits) are checked
// before the chat row is created. This caught a bug where a refusal left an empty chat in the sidebar.
describe("budget refusal and the 80 % notice in the chat (sqlite)", () => {
  let emulator: Emulator;
  let database: TestDatabase;
  let app: AppServer;
  let admin: HttpClient;
  let carol: HttpClient;
  let carolId: string;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tokenDelayMs: 0 });
    database = await freshDatabase("sqlite");
    const passwordHash = await hash(PASSWORD);
    await database.db.user.create({ data: { email: "admin@example.com", passwordHash, role: "admin" } });
    carolId = (await database.db.user.create({ data: { email: "carol@example.com", passwordHash } })).id;
    app = await startApp({ databaseUrl: database.url, deepseekBaseUrl: emulator.url });
    admin = new HttpClient(app.url);
    carol = new HttpClient(app.url);
    expect(await admin.signIn("admin@example.com", PASSWORD)).toBe(true);
    expect(await carol.signIn("carol@example.com", PASSWORD)).toBe(true);
  });

  afterAll(async () => {
    await app?.stop();
    await emulator?.close();
    await database?.cleanup();
  });

  const setBudget = async (budget: Limits) => expect((await admin.json(`/api/admin/budgets/${carolId}`, budget, { method: "PUT" })).status).toBe(200);
  const carolChats = () => database.db.chat.count({ where: { userId: carolId } });
  const carolTokens = async () =>
    (await database.db.usageRecord.findMany({ where: { userId: carolId } })).reduce((n, r) => n + r.inputCacheHitTokens + r.inputCacheMissTokens + r.outputTokens, 0);

  it("refuses a first message over budget with 429 quota:budget and when it resets, and creates no chat", async () => {
    await setBudget({ ...none, monthlyTokens: 0 });
    const calls = emulator.requests.length;
    const chatId = newId("c");
    const res = await carol.json("/api/chat", chatBody(chatId, "over budget from the start", { thinking: false }));
    expect(res.status).toBe(429);
    const { error } = (await res.json()) as { error: { code: string; detail: Record<string, unknown> } };
    const now = new Date();
    expect(error).toMatchObject({
      code: "quota:budget",
      detail: { scope: "user", period: "monthly", unit: "tokens", resetsAt: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString() },
    });
    // Nothing written, nothing sent upstream, nothing in the list.
    expect(await database.db.chat.findUnique({ where: { id: chatId } })).toBeNull();
    expect(await carolChats()).toBe(0);
    expect(await database.db.message.count({ where: { chat: { userId: carolId } } })).toBe(0);
    expect(emulator.requests.length).toBe(calls);
    const list = (await (await carol.fetch("/api/chats")).json()) as { chats: unknown[] };
    expect(list.chats).toHaveLength(0);
  });

  it("refuses the next message in an existing chat without touching it", async () => {
    await setBudget(none);
    const chatId = newId("c");
    await readUiStream(await carol.json("/api/chat", chatBody(chatId, "first question", { thinking: false })));
    const before = await database.db.message.count({ where: { chatId } });
    expect(before).toBe(2);
    await setBudget({ ...none, dailyTokens: 1 });
    const res = await carol.json("/api/chat", chatBody(chatId, "second question", { thinking: false }));
    expect(res.status).toBe(429);
    expect(await database.db.message.count({ where: { chatId } })).toBe(before);
    // The stream slot taken for the refused request was released: within budget again, it streams.
    await setBudget(none);
    const ok = await carol.json("/api/chat", chatBody(chatId, "third question", { thinking: false }));
    expect(ok.status).toBe(200);
    await readUiStream(ok);
  });

  it("sends a transient data-budget part at 80 % with the period and when it resets, and none below", async () => {
    await setBudget(none);
    const below = await readUiStream(await carol.json("/api/chat", chatBody(newId("c"), "no budget, no notice", { thinking: false })));
    expect(below.some((p) => p.type === "data-budget")).toBe(false);

    const used = await carolTokens();
    // 85 % of the monthly token budget is used: the next request goes through with a notice.
    await setBudget({ ...none, monthlyTokens: Math.ceil(used / 0.85) });
    const parts = await readUiStream(await carol.json("/api/chat", chatBody(newId("c"), "close to the limit", { thinking: false })));
    const notice = parts.find((p) => p.type === "data-budget") as { data: Record<string, unknown>; transient?: boolean } | undefined;
    expect(notice).toBeDefined();
    expect(notice!.transient).toBe(true);
    const now = new Date();
    expect(notice!.data).toMatchObject({ period: "monthly", unit: "tokens", scope: "user", resetsAt: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString() });
    expect(notice!.data.percent).toBeGreaterThanOrEqual(80);
    expect(notice!.data.percent).toBeLessThan(100);
    // The answer itself still streams.
    expect(parts.some((p) => p.type === "text-delta")).toBe(true);
  });

  it("GET /api/admin/budgets/:id shows override, role default, limits in effect and spend", async () => {
    await admin.json("/api/admin/usage-settings", { roleBudgets: { admin: none, member: { ...none, dailyUsd: 5 } } }, { method: "PUT" });
    await setBudget({ ...none, monthlyTokens: 1_000_000 });
    const res = await admin.fetch(`/api/admin/budgets/${carolId}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, Record<string, unknown>>;
    expect(body.user).toMatchObject({ id: carolId, email: "carol@example.com", role: "member" });
    expect(body.budget).toMatchObject({ monthlyTokens: 1_000_000, dailyUsd: null });
    expect(body.roleDefault).toMatchObject({ dailyUsd: 5, monthlyTokens: null });
    expect(body.effective).toMatchObject({ dailyUsd: 5, monthlyTokens: 1_000_000 });
    expect((body.spent.monthly as { tokens: number }).tokens).toBe(await carolTokens());
    expect((await carol.fetch(`/api/admin/budgets/${carolId}`)).status).toBe(403);
    expect((await admin.fetch(`/api/admin/budgets/nobody`)).status).toBe(404);
  });
});
