import { hash } from "@node-rs/argon2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppServer } from "../support/app-server";
import { freshDatabase, type TestDatabase } from "../support/db";
import { startEmulator } from "../support/deepseek-emulator/server";
import { HttpClient, readUiStream } from "../support/http-client";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
const PASSWORD = "integration-password";
let seq = 0;
const newId = (prefix: string) => `${prefix}${Date.now().toString(36)}${(seq++).toString(36)}`;
const chatBody = (id: string, text: string, extra: Record<string, unknown> = {}) => ({
  id,
  message: { id: newId("m"), role: "user", parts: [{ type: "text", text }] },
  model: "deepseek-flash",
  thinking: true,
  ...extra,
});

describe("usage ledger for chat turns (sqlite)", () => {
  let emulator: Emulator;
  let database: TestDatabase;
  let app: AppServer;
  let alice: HttpClient;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tokenDelayMs: 1, keepAliveMs: 50 });
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

  const recordFor = async (chatId: string) => {
    for (let i = 0; i < 100; i++) {
      const row = await database.db.usageRecord.findFirst({ where: { chatId } });
      if (row) return row;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no usage record for ${chatId}`);
  };

  it("records a finished turn with DeepSeek's usage, reasoning tokens and cost", async () => {
    const id = newId("c");
    await readUiStream(await alice.json("/api/chat", chatBody(id, "Count the r in strawberry")));
    const row = await recordFor(id);
    const message = await database.db.message.findFirstOrThrow({ where: { chatId: id, role: "assistant" } });
    expect(row).toMatchObject({
      source: "chat",
      model: "deepseek-flash",
      status: "complete",
      estimated: false,
      apiTokenId: null,
      inputCacheHitTokens: message.inputCacheHitTokens,
      inputCacheMissTokens: message.inputCacheMissTokens,
      outputTokens: message.outputTokens,
      reasoningTokens: message.reasoningTokens,
    });
    expect(row.reasoningTokens).toBeGreaterThan(0);
    expect(row.costUsd).toBeGreaterThan(0);
    expect(row.finishedAt!.getTime()).toBeGreaterThanOrEqual(row.startedAt.getTime());
  });

  it("records a stopped stream with an estimate marked as such", async () => {
    const id = newId("c");
    const res = await alice.json("/api/chat", chatBody(id, "long one [[long:3000]] [[slow:5]]", { thinking: false }));
    const reader = res.body!.getReader();
    let seen = "";
    while (seen.split('"text-delta"').length < 10) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += new TextDecoder().decode(value);
    }
    // Answers belong to the server: closing the connection does not stop them, Stop does.
    expect((await alice.fetch(`/api/chat/${id}/stop`, { method: "POST" })).status).toBe(200);
    await reader.cancel();
    const row = await recordFor(id);
    expect(row).toMatchObject({ status: "stopped", estimated: true });
    expect(row.inputCacheMissTokens).toBeGreaterThan(0);
    expect(row.outputTokens).toBeGreaterThan(0);
    expect(row.outputTokens).toBeLessThan(3000);
  });

  it("records a failed turn with its error code", async () => {
    const id = newId("c");
    await readUiStream(await alice.json("/api/chat", chatBody(id, "fail [[error:503]]")));
    const row = await recordFor(id);
    expect(row).toMatchObject({ status: "error", errorCode: "offline:deepseek" });
  });

  it("stores the price in force with each record, so a price change does not rewrite history", async () => {
    const before = newId("c");
    await readUiStream(await alice.json("/api/chat", chatBody(before, "price check", { thinking: false })));
    const old = await recordFor(before);

    const prices = (await (await alice.fetch("/api/admin/prices")).json()) as { prices: Array<Record<string, unknown>> };
    expect(prices.prices.filter((p) => p.currency === "USD")).toHaveLength(4);
    for (const peak of [true, false]) {
      const res = await alice.json("/api/admin/prices", { model: "deepseek-flash", currency: "USD", peak, cacheHit: 1, cacheMiss: 100, output: 1000 });
      expect(res.status).toBe(201);
      const cny = await alice.json("/api/admin/prices", { model: "deepseek-flash", currency: "CNY", peak, cacheHit: 7, cacheMiss: 700, output: 7000 });
      expect(cny.status).toBe(201);
    }

    const after = newId("c");
    await readUiStream(await alice.json("/api/chat", chatBody(after, "price check", { thinking: false })));
    const fresh = await recordFor(after);
    const expected = (fresh.inputCacheHitTokens * 1 + fresh.inputCacheMissTokens * 100 + fresh.outputTokens * 1000) / 1e6;
    expect(fresh.costUsd).toBeCloseTo(expected, 9);
    expect(fresh.costCny).toBeCloseTo(expected * 7, 9);
    expect((fresh.prices as Array<{ currency: string }>).map((p) => p.currency).sort()).toEqual(["CNY", "USD"]);

    const reread = await database.db.usageRecord.findUniqueOrThrow({ where: { id: old.id } });
    expect(reread.costUsd).toBe(old.costUsd);
    // The default CNY price (DeepSeek's published one) was in force for the old record, and stays.
    expect(old.costCny).not.toBeNull();
    expect(reread.costCny).toBe(old.costCny);
    expect(reread.prices).toEqual(old.prices);
  });
});
