import fs from "node:fs";
import path from "node:path";
import { hash } from "@node-rs/argon2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppServer } from "../support/app-server";
import { freshDatabase, type TestDatabase } from "../support/db";
import { startEmulator } from "../support/deepseek-emulator/server";
import { HttpClient, readUiStream } from "../support/http-client";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
type Event = Record<string, unknown> & { type: string };
type ShoalFile = { format: string; version: number; exportedAt: string; chats: Array<Record<string, unknown> & { id: string; messages: Array<Record<string, unknown>> }>; account?: Record<string, unknown>; usage?: Array<Record<string, unknown>> };

const PASSWORD = "integration-password";
const fixture = (name: string) => fs.readFileSync(path.resolve(import.meta.dirname, "../fixtures/import", name));
let seq = 0;
const newId = (prefix: string) => `${prefix}${Date.now().toString(36)}${(seq++).toString(36)}`;

async function importFile(client: HttpClient, file: Uint8Array | string) {
  const body = file as BodyInit;
  const res = await client.fetch("/api/import", { method: "POST", body, headers: { "content-type": "application/octet-stream" } });
  if (res.status !== 200) return { status: res.status, error: (await res.json()) as { error: { code: string; detail?: Record<string, unknown> } }, events: [] as Event[] };
  const events = (await res.text()).split("\n").filter(Boolean).map((l) => JSON.parse(l) as Event);
  return { status: 200, events, error: undefined };
}
const chatEvents = (events: Event[]) => events.filter((e) => e.type === "chat");

async function exportAll(client: HttpClient, scope = "chats"): Promise<ShoalFile> {
  const res = await client.fetch(`/api/export?scope=${scope}`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="shoal-/);
  return (await res.json()) as ShoalFile;
}

async function sendTurn(client: HttpClient, chatId: string, text: string) {
  const res = await client.json("/api/chat", { id: chatId, message: { id: newId("m"), role: "user", parts: [{ type: "text", text }] }, model: "deepseek-flash", thinking: true });
  expect(res.status).toBe(200);
  await readUiStream(res);
}

describe.each(["sqlite", "postgresql"] as const)("export and import on %s", (provider) => {
  let emulator: Emulator;
  let database: TestDatabase;
  let fresh: TestDatabase;
  let app: AppServer;
  let freshApp: AppServer;
  let alice: HttpClient;
  let bob: HttpClient;
  let carol: HttpClient;
  let aliceChat: string;
  const branchChat = newId("branch");

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tokenDelayMs: 0, keepAliveMs: 1000 });
    [database, fresh] = await Promise.all([freshDatabase(provider), freshDatabase(provider)]);
    const passwordHash = await hash(PASSWORD);
    const alice0 = await database.db.user.create({ data: { email: "alice@example.com", passwordHash, role: "admin" } });
    await database.db.user.create({ data: { email: "bob@example.com", passwordHash } });
    await database.db.user.create({ data: { email: "carol@example.com", passwordHash } });
    await fresh.db.user.create({ data: { email: "dora@example.com", passwordHash } });
    [app, freshApp] = await Promise.all([
      startApp({ databaseUrl: database.url, deepseekBaseUrl: emulator.url }),
      startApp({ databaseUrl: fresh.url, deepseekBaseUrl: emulator.url }),
    ]);
    alice = new HttpClient(app.url);
    bob = new HttpClient(app.url);
    carol = new HttpClient(app.url);
    for (const [c, email] of [[alice, "alice"], [bob, "bob"], [carol, "carol"]] as const) expect(await c.signIn(`${email}@example.com`, PASSWORD)).toBe(true);

    aliceChat = newId("c");
    await sendTurn(alice, aliceChat, "What is a shoal of fish?");
    await sendTurn(alice, aliceChat, "用一句中文回答");
    // A chat with a branch (an edited question with its own answer), a hand-made title and settings.
    const t0 = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
    await database.db.chat.create({
      data: { id: branchChat, userId: alice0.id, title: "Branches 🌿", titleSource: "user", model: "deepseek-v4-pro", thinking: false, reasoningEffort: "high", settings: { systemPrompt: "Be brief", temperature: 0.3 }, createdAt: new Date(t0), updatedAt: new Date(t0 + 9000) },
    });
    const m = (id: string, parentId: string | null, role: string, text: string, dt: number, extra: Record<string, unknown> = {}) =>
      database.db.message.create({ data: { id: `${branchChat}-${id}`, chatId: branchChat, parentId: parentId && `${branchChat}-${parentId}`, role, parts: [{ type: "text", text }], searchText: text, createdAt: new Date(t0 + dt), updatedAt: new Date(t0 + dt), ...extra } });
    await m("u1", null, "user", "First version", 1000);
    await m("a1", "u1", "assistant", "Answer one", 2000, { model: "deepseek-v4-pro", status: "stopped", finishReason: "length", outputTokens: 7 });
    await m("u1b", null, "user", "Edited version", 3000);
    await m("a1b", "u1b", "assistant", "Answer two", 4000, { model: "deepseek-v4-pro", status: "error", errorCode: "rate_limit:deepseek" });
  });

  afterAll(async () => {
    await Promise.all([app?.stop(), freshApp?.stop()]);
    await emulator?.close();
    await Promise.all([database?.cleanup(), fresh?.cleanup()]);
  });

  it("refuses anonymous requests and other users' chats", async () => {
    const anon = new HttpClient(app.url);
    for (const [url, method] of [["/api/export", "GET"], [`/api/chats/${aliceChat}/export`, "GET"], ["/api/import", "POST"], ["/api/account", "DELETE"]]) {
      const res = await anon.fetch(url, { method, body: method === "GET" ? undefined : "{}" });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { code: "unauthorized:auth" } });
    }
    const res = await bob.fetch(`/api/chats/${aliceChat}/export?format=json`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found:chat");
    const bad = await alice.fetch(`/api/chats/${aliceChat}/export?format=pdf`);
    expect(bad.status).toBe(400);
  });

  it("exports one chat as Markdown with or without reasoning, and as JSON", async () => {
    const plain = await alice.fetch(`/api/chats/${aliceChat}/export?format=md`);
    expect(plain.headers.get("content-type")).toContain("text/markdown");
    expect(plain.headers.get("content-disposition")).toContain("attachment;");
    const md = await plain.text();
    // The provisional title or the automatic one written right after the first answer.
    expect(md.split("\n")[0]).toMatch(/^# .*What is a shoal of fish\?/);
    expect(md).toContain("### You\n\nWhat is a shoal of fish?");
    expect(md).toContain("用一句中文回答");
    expect(md).not.toContain("<details>");
    const withReasoning = await (await alice.fetch(`/api/chats/${aliceChat}/export?format=md&reasoning=1`)).text();
    expect(withReasoning).toContain("<summary>Reasoning</summary>");
    const zh = await (await alice.fetch(`/api/chats/${aliceChat}/export?format=md&reasoning=1`, { headers: { "accept-language": "zh-CN" } })).text();
    expect(zh).toContain("### 你");

    const json = (await (await alice.fetch(`/api/chats/${aliceChat}/export?format=json`)).json()) as ShoalFile;
    expect(json).toMatchObject({ format: "shoal-export", version: 1 });
    expect(json.chats).toHaveLength(1);
    const [, answer] = json.chats[0].messages as Array<{ parts: Array<{ type: string }>; usage: Record<string, number> }>;
    expect(answer.parts.map((p) => p.type)).toContain("reasoning");
    expect(answer.usage.outputTokens).toBeGreaterThan(0);
  });

  it("round-trips losslessly through a fresh instance, and re-importing is a no-op", async () => {
    const first = await exportAll(alice);
    expect(first.chats.map((c) => c.id)).toEqual([branchChat, aliceChat]);
    const file = JSON.stringify(first);

    const dora = new HttpClient(freshApp.url);
    expect(await dora.signIn("dora@example.com", PASSWORD)).toBe(true);
    const imported = await importFile(dora, file);
    expect(imported.events[0]).toEqual({ type: "start", format: "shoal" });
    expect(chatEvents(imported.events).map((e) => e.status)).toEqual(["imported", "imported"]);
    expect(imported.events.at(-1)).toMatchObject({ type: "done", imported: 2, skipped: 0 });

    const second = await exportAll(dora);
    expect(second.chats).toEqual(first.chats);
    expect(JSON.stringify(second.chats)).toBe(JSON.stringify(first.chats));

    const again = await importFile(dora, file);
    expect(chatEvents(again.events).map((e) => [e.status, e.reason])).toEqual([["skipped", "duplicate"], ["skipped", "duplicate"]]);
    expect((await exportAll(dora)).chats).toHaveLength(2);

    // Into the instance it came from: the owner already has these chats; another user gets copies with new ids.
    const own = await importFile(alice, file);
    expect(chatEvents(own.events).map((e) => e.reason)).toEqual(["already_exists", "already_exists"]);
    const copy = await importFile(bob, file);
    const copies = chatEvents(copy.events);
    expect(copies.map((e) => e.status)).toEqual(["imported", "imported"]);
    expect(copies.map((e) => e.chatId)).not.toContain(aliceChat);
    const bobs = await exportAll(bob);
    expect(bobs.chats.map((c) => c.messages.length)).toEqual(first.chats.map((c) => c.messages.length));
    const bobBranch = bobs.chats.find((c) => c.title === "Branches 🌿")!;
    const ids = new Set(bobBranch.messages.map((m) => m.id));
    for (const m of bobBranch.messages) if (m.parentId) expect(ids.has(m.parentId as string)).toBe(true);
  });

  it("imports a ChatGPT export once, reporting each conversation, and keeps branches", async () => {
    const { events } = await importFile(bob, fixture("chatgpt-conversations.json"));
    expect(events[0]).toEqual({ type: "start", format: "chatgpt" });
    const chats = chatEvents(events);
    expect(chats.map((e) => [e.status, e.title, e.reason ?? e.messages])).toEqual([
      ["imported", "Sourdough starter help", 7],
      ["imported", "数据分析：销售表格", 2],
      ["imported", "ChatGPT", 2],
      ["skipped", "Broken conversation", "invalid"],
    ]);
    expect(chats[1].notes).toEqual(["attachments_dropped", "tool_messages_dropped"]);
    const stored = (await (await bob.fetch(`/api/chats/${chats[0].chatId}`)).json()) as { chat: Record<string, unknown>; messages: Array<{ role: string; parts: Array<{ type: string; text: string }> }> };
    expect(stored.chat).toMatchObject({ title: "Sourdough starter help", model: "deepseek-flash" });
    // The thread shows one branch; the other ChatGPT branch is kept as siblings (see the export).
    expect(stored.messages.length).toBeGreaterThanOrEqual(4);
    const exported = (await (await bob.fetch(`/api/chats/${chats[0].chatId}/export?format=json`)).json()) as { chats: Array<{ messages: unknown[] }> };
    expect(exported.chats[0].messages).toHaveLength(7);
    expect(stored.messages.some((m) => m.parts[0].type === "reasoning")).toBe(true);

    const again = await importFile(bob, fixture("chatgpt-conversations.json"));
    expect(chatEvents(again.events).map((e) => e.reason)).toEqual(["duplicate", "duplicate", "duplicate", "invalid"]);
    expect(again.events.at(-1)).toMatchObject({ type: "done", imported: 0, skipped: 4 });
  });

  it("imports NextChat and LobeChat files", async () => {
    const next = await importFile(carol, fixture("nextchat-backup.json"));
    expect(chatEvents(next.events).map((e) => [e.status, e.title, e.reason ?? e.messages])).toEqual([
      ["imported", "周末旅行计划", 5],
      ["skipped", "New Conversation", "empty"],
      ["imported", "Regex help", 2],
      ["skipped", "Corrupted session", "invalid"],
    ]);
    const lobe = await importFile(carol, fixture("lobechat-export.json"));
    expect(chatEvents(lobe.events).map((e) => [e.status, e.title, e.messages])).toEqual([
      ["imported", "て形の練習", 5],
      ["imported", "LobeChat", 2],
    ]);
  });

  it("explains unusable files with codes, and keeps whole chats written before a cut", async () => {
    const unknown = await importFile(carol, '{"hello":"world"}');
    expect(unknown.status).toBe(400);
    expect(unknown.error).toEqual({ error: { code: "bad_request:import", detail: { reason: "unknown_format" } } });
    expect((await importFile(carol, "")).error?.error.detail?.reason).toBe("empty_file");

    const big = { format: "shoal-export", version: 1, chats: Array.from({ length: 30 }, (_, i) => shoalChat(`cut${i}`, 40)) };
    const text = JSON.stringify(big);
    const cut = await importFile(carol, text.slice(0, Math.floor(text.length * 0.6)));
    expect(cut.status).toBe(200);
    const last = cut.events.at(-1)!;
    expect(last).toMatchObject({ type: "error", code: "bad_request:import", reason: "malformed_json" });
    const done = chatEvents(cut.events).filter((e) => e.status === "imported");
    expect(done.length).toBeGreaterThan(5);
    for (const e of done) {
      expect(await database.db.message.count({ where: { chatId: e.chatId as string } })).toBe(40);
    }
    expect(await database.db.chat.count({ where: { title: { startsWith: "cut" } } })).toBe(done.length);
  });

  it("writes each chat in one transaction: a chat the database refuses leaves nothing behind", async () => {
    // PostgreSQL cannot store U+0000 in JSON; the bad message is in the second write batch (after 500).
    const chat = shoalChat("nul-chat", 600);
    (chat.messages[550].parts as Array<{ text: string }>)[0].text = "before\u0000after";
    const { events } = await importFile(carol, JSON.stringify({ format: "shoal-export", version: 1, chats: [chat, shoalChat("after-nul", 2)] }));
    const [first, second] = chatEvents(events);
    if (provider === "postgresql") {
      expect(first).toMatchObject({ status: "skipped", reason: "write_failed" });
      expect(await database.db.chat.count({ where: { title: "nul-chat" } })).toBe(0);
      expect(await database.db.message.count({ where: { id: { startsWith: "nul-chat-" } } })).toBe(0);
    } else {
      expect(first).toMatchObject({ status: "imported", messages: 600 });
    }
    expect(second).toMatchObject({ status: "imported", messages: 2 });
  });

  it("streams a huge chat in and out", async () => {
    const chat = shoalChat("huge", 20_000, 400);
    const file = Buffer.from(JSON.stringify({ format: "shoal-export", version: 1, chats: [chat] }));
    // Building the file blocks this process for seconds; let it see the server closing idle
    // keep-alive sockets meanwhile, or the upload may start on a socket that is already closed.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const t0 = performance.now();
    const { events } = await importFile(carol, file);
    const seconds = (performance.now() - t0) / 1000;
    expect(chatEvents(events)).toEqual([expect.objectContaining({ status: "imported", messages: 20_000 })]);
    expect(events.filter((e) => e.type === "progress").length).toBeGreaterThan(5);
    console.log(`[${provider}] imported ${(file.length / 1e6).toFixed(1)} MB (20,000 messages) in ${seconds.toFixed(1)} s = ${(file.length / 1e6 / seconds).toFixed(1)} MB/s`);
    const chatId = chatEvents(events)[0].chatId as string;
    const res = await carol.fetch(`/api/chats/${chatId}/export?format=json`);
    const back = (await res.json()) as ShoalFile;
    expect(back.chats[0].messages).toHaveLength(20_000);
    expect(back.chats[0].messages.at(-1)).toEqual({ ...chat.messages.at(-1), id: back.chats[0].messages.at(-1)!.id, parentId: back.chats[0].messages.at(-2)!.id });
  });

  it("exports account data with usage, and deletes an account only with its email and password", async () => {
    const data = await exportAll(alice, "account");
    expect(data.account).toMatchObject({ email: "alice@example.com", role: "admin" });
    expect(data.account).not.toHaveProperty("passwordHash");
    const flash = data.usage!.find((u) => u.model === "deepseek-flash")!;
    expect(flash.answers).toBe(2);
    expect(flash.outputTokens).toBeGreaterThan(0);
    expect(data.chats.length).toBeGreaterThanOrEqual(2);

    const wrong = await carol.fetch("/api/account", { method: "DELETE", body: JSON.stringify({ email: "carol@example.com", password: "nope" }) });
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe("forbidden:account");
    const otherEmail = await carol.fetch("/api/account", { method: "DELETE", body: JSON.stringify({ email: "bob@example.com", password: PASSWORD }) });
    expect(otherEmail.status).toBe(403);
    const malformed = await carol.fetch("/api/account", { method: "DELETE", body: JSON.stringify({ email: "carol@example.com" }) });
    expect(malformed.status).toBe(400);

    const lastAdmin = await alice.fetch("/api/account", { method: "DELETE", body: JSON.stringify({ email: "alice@example.com", password: PASSWORD }) });
    expect(lastAdmin.status).toBe(403);
    expect(await lastAdmin.json()).toEqual({ error: { code: "forbidden:account", detail: { reason: "last_admin" } } });

    const carolRow = await database.db.user.findUniqueOrThrow({ where: { email: "carol@example.com" } });
    expect(await database.db.chat.count({ where: { userId: carolRow.id } })).toBeGreaterThan(0);
    const ok = await carol.fetch("/api/account", { method: "DELETE", body: JSON.stringify({ email: " Carol@Example.com ", password: PASSWORD }) });
    expect(ok.status).toBe(204);
    expect(await database.db.user.count({ where: { id: carolRow.id } })).toBe(0);
    expect(await database.db.chat.count({ where: { userId: carolRow.id } })).toBe(0);
    expect(await database.db.message.count({ where: { chat: { userId: carolRow.id } } })).toBe(0);
    expect((await carol.fetch("/api/chats")).status).toBe(401);
    expect((await alice.fetch("/api/chats")).status).toBe(200);
  });
});

function shoalChat(title: string, count: number, textLength = 20) {
  const t0 = Date.UTC(2025, 5, 1);
  const filler = "Lorem ipsum 鱼群 ".repeat(Math.ceil(textLength / 15)).slice(0, textLength);
  const messages = Array.from({ length: count }, (_, i) => ({
    id: `${title}-${i}`,
    parentId: i === 0 ? null : `${title}-${i - 1}`,
    role: i % 2 ? "assistant" : "user",
    parts: i % 2 ? [{ type: "reasoning", text: `thinking ${i}` }, { type: "text", text: `${filler} ${i}` }] : [{ type: "text", text: `${filler} ${i}` }],
    model: i % 2 ? "deepseek-flash" : null,
    status: "complete",
    errorCode: null,
    finishReason: i % 2 ? "stop" : null,
    usage: { inputCacheHitTokens: i % 2 ? 64 : null, inputCacheMissTokens: i % 2 ? 10 : null, outputTokens: i % 2 ? 5 : null, reasoningTokens: i % 2 ? 2 : null },
    createdAt: new Date(t0 + i * 1000).toISOString(),
    updatedAt: new Date(t0 + i * 1000).toISOString(),
  }));
  return { id: `${title}-chat`, title, titleSource: "auto", model: "deepseek-flash", thinking: true, reasoningEffort: null, settings: null, createdAt: new Date(t0).toISOString(), updatedAt: new Date(t0 + count * 1000).toISOString(), messages };
}
