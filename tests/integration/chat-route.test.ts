import { hash } from "@node-rs/argon2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, CANARY_API_KEY, type AppServer } from "../support/app-server";
import { freshDatabase, type TestDatabase } from "../support/db";
import { startEmulator } from "../support/deepseek-emulator/server";
import { chatBody, lastChatRequest, newId } from "../support/chat-helpers";
import { HttpClient, readUiStream } from "../support/http-client";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
type Part = Record<string, unknown>;

const PASSWORD = "integration-password";

const textOf = (parts: Part[], type: string) =>
  parts.filter((p) => p.type === `${type}-delta`).map((p) => p.delta as string).join("");

describe.each(["sqlite", "postgresql"] as const)("chat route on %s", (provider) => {
  let emulator: Emulator;
  let database: TestDatabase;
  let app: AppServer;
  let alice: HttpClient;
  let bob: HttpClient;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tokenDelayMs: 1, keepAliveMs: 50 });
    database = await freshDatabase(provider);
    const passwordHash = await hash(PASSWORD);
    await database.db.user.create({ data: { email: "alice@example.com", passwordHash, role: "admin" } });
    await database.db.user.create({ data: { email: "bob@example.com", passwordHash } });
    app = await startApp({ databaseUrl: database.url, deepseekBaseUrl: emulator.url });
    alice = new HttpClient(app.url);
    bob = new HttpClient(app.url);
    expect(await alice.signIn("alice@example.com", PASSWORD)).toBe(true);
    expect(await bob.signIn("bob@example.com", PASSWORD)).toBe(true);
  });

  afterAll(async () => {
    await app?.stop();
    await emulator?.close();
    await database?.cleanup();
  });

  const getChat = async (client: HttpClient, id: string) => {
    const res = await client.fetch(`/api/chats/${id}`);
    return { status: res.status, body: (await res.json()) as { chat: Part; messages: Array<Part & { parts: Part[]; metadata: Part }> } };
  };

  it("refuses anonymous requests with a stable code", async () => {
    const anon = new HttpClient(app.url);
    const res = await anon.json("/api/chat", chatBody(newId("c"), "hi"));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: "unauthorized:auth" } });
    expect((await anon.fetch("/api/chats")).status).toBe(401);
  });

  it("streams the answer uncompressed even when the browser accepts gzip", async () => {
    const res = await alice.json("/api/chat", chatBody(newId("c"), "no gzip please"), { headers: { "accept-encoding": "gzip, deflate, br, zstd" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("no-transform");
    expect(res.headers.get("content-encoding")).toBeNull();
    expect(textOf(await readUiStream(res), "text")).toContain("no gzip please");
  });

  it("does not sign in with a wrong password", async () => {
    expect(await new HttpClient(app.url).signIn("alice@example.com", "wrong-password")).toBe(false);
  });

  it("streams reasoning then the answer, and stores both with usage", async () => {
    const id = newId("c");
    emulator.reset();
    const res = await alice.json("/api/chat", chatBody(id, "Count the r in strawberry"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const parts = await readUiStream(res);
    const types = parts.map((p) => p.type);
    expect(types.indexOf("reasoning-delta")).toBeLessThan(types.indexOf("text-delta"));
    expect(textOf(parts, "reasoning")).toContain("Count the r in strawberry");
    expect(textOf(parts, "text")).toContain("Count the r in strawberry");
    expect(parts.at(-1)).toMatchObject({ type: "finish", finishReason: "stop" });

    const upstream = lastChatRequest(emulator);
    expect(upstream.headers.authorization).toBe(`Bearer ${CANARY_API_KEY}`);
    expect(upstream.body).toMatchObject({ model: "deepseek-flash", stream: true, thinking: { type: "enabled" } });

    const { status, body } = await getChat(alice, id);
    expect(status).toBe(200);
    expect(body.chat).toMatchObject({ id, model: "deepseek-flash", thinking: true });
    // The provisional title (first words) or the automatic one generated right after the answer.
    expect(body.chat.title).toContain("Count the r in strawberry");
    expect(body.chat).not.toHaveProperty("userId");
    const [user, assistant] = body.messages;
    expect(user).toMatchObject({ role: "user", parts: [{ type: "text", text: "Count the r in strawberry" }] });
    expect(assistant.role).toBe("assistant");
    expect(assistant.metadata).toMatchObject({ status: "complete", model: "deepseek-flash", finishReason: "stop" });
    const storedReasoning = assistant.parts.filter((p) => p.type === "reasoning").map((p) => p.text).join("");
    const storedText = assistant.parts.filter((p) => p.type === "text").map((p) => p.text).join("");
    expect(storedReasoning).toBe(textOf(parts, "reasoning"));
    expect(storedText).toBe(textOf(parts, "text"));
    const usage = assistant.metadata.usage as Record<string, number>;
    expect(usage.inputCacheHitTokens).toBe(0);
    expect(usage.inputCacheMissTokens).toBeGreaterThan(0);
    expect(usage.reasoningTokens).toBeGreaterThan(0);
    expect(usage.outputTokens).toBeGreaterThan(usage.reasoningTokens);
  });

  it("replays a multi-turn thinking conversation the way DeepSeek requires, and records cache hits", async () => {
    const id = newId("c");
    const long = `Please summarise this text: ${"The quick brown fox jumps over the lazy dog. ".repeat(30)}`;
    const first = await alice.json("/api/chat", chatBody(id, long));
    await readUiStream(first);
    const second = await alice.json("/api/chat", chatBody(id, "And in one word?"));
    const parts = await readUiStream(second);
    expect(parts.some((p) => p.type === "error")).toBe(false);
    expect(textOf(parts, "text")).toContain("And in one word?");

    const sent = lastChatRequest(emulator).body as { messages: Array<Record<string, unknown>> };
    expect(sent.messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    // Earlier reasoning is not sent back (DeepSeek ignores it, the R1 era rejected it).
    expect(sent.messages[1].reasoning_content ?? "").toBe("");

    const { body } = await getChat(alice, id);
    expect(body.messages).toHaveLength(4);
    const usage = body.messages[3].metadata.usage as Record<string, number>;
    expect(usage.inputCacheHitTokens).toBeGreaterThanOrEqual(64);
    expect(usage.inputCacheHitTokens % 64).toBe(0);
  });

  it("passes thinking off to DeepSeek and maps legacy model names", async () => {
    const off = await alice.json("/api/chat", chatBody(newId("c"), "no thinking please", { thinking: false }));
    const offParts = await readUiStream(off);
    expect(offParts.some((p) => p.type === "reasoning-delta")).toBe(false);
    expect(lastChatRequest(emulator).body).toMatchObject({ model: "deepseek-flash", thinking: { type: "disabled" } });

    const legacy = await alice.json("/api/chat", chatBody(newId("c"), "legacy", { model: "deepseek-chat", thinking: true }));
    await readUiStream(legacy);
    expect(lastChatRequest(emulator).body).toMatchObject({ model: "deepseek-flash", thinking: { type: "disabled" } });
  });

  it("creates a chat with the system prompt, temperature and output cap chosen before its first message", async () => {
    const id = newId("c");
    const extra = { systemPrompt: "You are a terse pirate.", temperature: 0.4, maxOutputTokens: 50 };
    await readUiStream(await alice.json("/api/chat", { ...chatBody(id, "ahoy", { thinking: false }), extra }));
    const sent = lastChatRequest(emulator).body as { messages: Array<{ role: string; content: string }>; temperature?: number; max_tokens?: number };
    expect(sent.messages[0]).toEqual({ role: "system", content: "You are a terse pirate." });
    expect(sent.temperature).toBe(0.4);
    expect(sent.max_tokens).toBe(50);
    const { body } = await getChat(alice, id);
    expect(body.chat.settings).toEqual(extra);

    // DeepSeek ignores temperature in thinking mode, so Shoal does not send it there.
    await readUiStream(await alice.json("/api/chat", chatBody(id, "again", { thinking: true })));
    expect(lastChatRequest(emulator).body).not.toHaveProperty("temperature");
  });

  it("refuses a question whose id is taken, in a new or an existing chat, and writes nothing", async () => {
    const first = newId("c");
    const body = chatBody(first, "once", { thinking: false });
    await readUiStream(await alice.json("/api/chat", body));
    const taken = { error: { code: "bad_request:chat", detail: { reason: "message_id_taken" } } };

    // A new chat whose first question reuses the id: refused, and no empty chat is left behind.
    const fresh = newId("c");
    const again = await alice.json("/api/chat", { ...body, id: fresh });
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual(taken);
    expect((await getChat(alice, fresh)).status).toBe(404);
    expect(await database.db.chat.count({ where: { id: fresh } })).toBe(0);
    // Message ids are global: another user cannot reuse it either.
    const other = await bob.json("/api/chat", { ...body, id: newId("c") });
    expect(await other.json()).toEqual(taken);

    // The same question sent twice to its own chat: refused, the chat is unchanged.
    const before = await getChat(alice, first);
    const twice = await alice.json("/api/chat", body);
    expect(twice.status).toBe(400);
    expect(await twice.json()).toEqual(taken);
    const after = await getChat(alice, first);
    expect(after.body.messages.map((m) => m.id)).toEqual(before.body.messages.map((m) => m.id));
    expect(after.body.chat.activeLeafId).toBe(before.body.chat.activeLeafId);

    // DeepSeek is asked while the turn is being written: when the writes are refused, that request
    // is cancelled at once, not left to run (this answer would take 20 s).
    const slow = { ...body, id: newId("c"), message: { ...body.message, parts: [{ type: "text", text: "[[long:1000]] [[slow:20]] late" }] } };
    const asked = emulator.requests.length;
    const refused = await alice.json("/api/chat", slow);
    expect(await refused.json()).toEqual(taken);
    await expect.poll(() => emulator.inflight(), { timeout: 2000 }).toBe(0);
    expect(emulator.requests.length).toBeLessThanOrEqual(asked + 1);

    // The refused requests gave their stream slots back: the new chat id is still free to use.
    await readUiStream(await alice.json("/api/chat", chatBody(fresh, "now with a new id", { thinking: false })));
    expect((await getChat(alice, fresh)).body.messages).toHaveLength(2);
  });

  it("stores the model settings a later turn was sent with, and moves the chat to the top", async () => {
    const id = newId("c");
    await readUiStream(await alice.json("/api/chat", chatBody(id, "first", { thinking: false })));
    expect((await getChat(alice, id)).body.chat).toMatchObject({ model: "deepseek-flash", thinking: false, reasoningEffort: null });
    await readUiStream(await alice.json("/api/chat", chatBody(newId("c"), "another chat", { thinking: false })));

    await readUiStream(await alice.json("/api/chat", chatBody(id, "second", { model: "deepseek-v4-pro", thinking: true, reasoningEffort: "high" })));
    expect(lastChatRequest(emulator).body).toMatchObject({ model: "deepseek-v4-pro", thinking: { type: "enabled" }, reasoning_effort: "high" });
    const { body } = await getChat(alice, id);
    expect(body.chat).toMatchObject({ model: "deepseek-v4-pro", thinking: true, reasoningEffort: "high" });
    expect(body.chat.activeLeafId).toBe(body.messages.at(-1)!.id);
    const list = (await (await alice.fetch("/api/chats")).json()) as { chats: Part[] };
    expect(list.chats[0].id).toBe(id);
  });

  it("sends the user's current custom instructions with every turn", async () => {
    const id = newId("c");
    const systemOf = () => (lastChatRequest(emulator).body as { messages: Array<{ role: string; content: string }> }).messages.find((m) => m.role === "system")?.content;
    expect((await alice.json("/api/settings", { customInstructions: "Answer in haiku." }, { method: "PATCH" })).status).toBe(200);
    await readUiStream(await alice.json("/api/chat", chatBody(id, "first", { thinking: false })));
    expect(systemOf()).toBe("Answer in haiku.");
    expect((await alice.json("/api/settings", { customInstructions: "Answer in limericks." }, { method: "PATCH" })).status).toBe(200);
    await readUiStream(await alice.json("/api/chat", chatBody(id, "second", { thinking: false })));
    expect(systemOf()).toBe("Answer in limericks.");
    expect((await alice.json("/api/settings", { customInstructions: "" }, { method: "PATCH" })).status).toBe(200);
    await readUiStream(await alice.json("/api/chat", chatBody(id, "third", { thinking: false })));
    expect(systemOf()).toBeUndefined();
  });

  it("rejects unknown models and malformed input with codes", async () => {
    const bad = await alice.json("/api/chat", chatBody(newId("c"), "hi", { model: "gpt-4o" }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("bad_request:model");
    const malformed = await alice.fetch("/api/chat", { method: "POST", body: "{not json", headers: { "content-type": "application/json" } });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe("bad_request:api");
  });

  it.each([
    ["401", "unauthorized:deepseek"],
    ["402", "payment_required:deepseek"],
    ["429", "rate_limit:deepseek"],
    ["503", "offline:deepseek"],
  ])("maps an upstream %s to %s and stores the failed turn", async (status, code) => {
    const id = newId("c");
    const res = await alice.json("/api/chat", chatBody(id, `fail [[error:${status}]]`));
    const parts = await readUiStream(res);
    expect(parts.find((p) => p.type === "error")).toEqual({ type: "error", errorText: code });
    const { body } = await getChat(alice, id);
    expect(body.messages[1].metadata).toMatchObject({ status: "error", errorCode: code });
    expect(JSON.stringify(parts)).not.toContain("Authentication Fails");
  });

  it("keeps every chat private to its owner on every route", async () => {
    const id = newId("c");
    await readUiStream(await alice.json("/api/chat", chatBody(id, "alice's secret")));

    expect((await getChat(bob, id)).status).toBe(404);
    expect((await bob.fetch(`/api/chats/${id}`, { method: "DELETE" })).status).toBe(404);
    const hijack = await bob.json("/api/chat", chatBody(id, "let me in"));
    expect(hijack.status).toBe(404);
    expect(await hijack.json()).toEqual({ error: { code: "not_found:chat" } });
    expect((await bob.fetch(`/chat/${id}`)).status).toBe(404);
    const bobList = (await (await bob.fetch("/api/chats")).json()) as { chats: Part[] };
    expect(bobList.chats.map((c) => c.id)).not.toContain(id);

    const aliceList = (await (await alice.fetch("/api/chats")).json()) as { chats: Part[] };
    expect(aliceList.chats[0].id).toBe(id);
    expect(aliceList.chats[0].title).toContain("alice's secret");
    expect((await getChat(alice, id)).body.messages).toHaveLength(2);
    expect((await alice.fetch(`/api/chats/${id}`, { method: "DELETE" })).status).toBe(204);
    expect((await getChat(alice, id)).status).toBe(404);
  });

  it("lists the models DeepSeek reports", async () => {
    const res = await alice.fetch("/api/models");
    const body = (await res.json()) as { configured: boolean; models: Part[] };
    expect(body.configured).toBe(true);
    expect(body.models.map((m) => m.id)).toEqual(["deepseek-flash", "deepseek-v4-pro"]);
    expect(JSON.stringify(body)).not.toContain(CANARY_API_KEY);
  });
});
