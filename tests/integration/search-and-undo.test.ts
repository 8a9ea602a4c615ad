import { hash } from "@node-rs/argon2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbProvider } from "@/lib/db/url";
import { startApp, type AppServer } from "../support/app-server";
import { chatBody, newId } from "../support/chat-helpers";
import { freshDatabase, type TestDatabase } from "../support/db";
import { startEmulator } from "../support/deepseek-emulator/server";
import { HttpClient } from "../support/http-client";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
type Hit = { chatId: string; title: string; messageId: string | null; role: string | null; snippet: string };
const PASSWORD = "integration-password";

// Search (LIKE on SQLite, ILIKE on PostgreSQL, over stored JSON) and deleting with undo, run on both
// databases: the search SQL is raw and differs per provider, and deleted chats must drop out of it.
describe.each<DbProvider>(["sqlite", "postgresql"])("search and delete with undo (%s)", (provider) => {
  let emulator: Emulator;
  let database: TestDatabase;
  let app: AppServer;
  let dana: HttpClient;
  let danaId: string;
  let erinId: string;

  /** A chat written straight into the database: one question and one answer (with reasoning). */
  async function seedChat(userId: string, title: string, question: string, answer: string, reasoning = "") {
    const id = newId("s");
    await database.db.chat.create({ data: { id, userId, title, model: "deepseek-flash", thinking: false } });
    await database.db.message.create({ data: { id: `${id}q`, chatId: id, role: "user", parts: [{ type: "text", text: question }], status: "complete" } });
    await database.db.message.create({
      data: {
        id: `${id}a`,
        chatId: id,
        parentId: `${id}q`,
        role: "assistant",
        parts: [...(reasoning ? [{ type: "reasoning", text: reasoning }] : []), { type: "text", text: answer }],
        status: "complete",
        model: "deepseek-flash",
      },
    });
    return id;
  }
  const search = async (q: string, client = dana): Promise<Hit[]> => {
    const res = await client.fetch(`/api/chats/search?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { hits: Hit[] }).hits;
  };
  const listIds = async () => ((await (await dana.fetch("/api/chats")).json()) as { chats: Array<{ id: string }> }).chats.map((c) => c.id);

  let cn: string;
  let en: string;
  let pct: string;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tokenDelayMs: 0 });
    database = await freshDatabase(provider);
    const passwordHash = await hash(PASSWORD);
    danaId = (await database.db.user.create({ data: { email: "dana@example.com", passwordHash } })).id;
    erinId = (await database.db.user.create({ data: { email: "erin@example.com", passwordHash } })).id;
    app = await startApp({ databaseUrl: database.url, deepseekBaseUrl: emulator.url });
    dana = new HttpClient(app.url);
    expect(await dana.signIn("dana@example.com", PASSWORD)).toBe(true);
    cn = await seedChat(danaId, "数据库笔记", "请解释向量数据库的索引原理", "向量数据库的索引原理是把高维向量组织成近邻图。", "思考：用户想了解 secretthought 的细节");
    en = await seedChat(danaId, "Trees", "What is a B-Tree?", "A b-tree keeps keys sorted and balanced.");
    pct = await seedChat(danaId, "Deals", "Is 50%_off real?", "Only 50%_off applies to members; 50 percent off is different.");
    await seedChat(erinId, "Erin's", "请解释向量数据库的索引原理 too", "someone else's answer");
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await emulator?.close();
    await database?.cleanup();
  });

  it("finds a Chinese phrase inside a message and points at that message", async () => {
    const hits = await search("索引原理");
    const inMessages = hits.filter((h) => h.messageId);
    expect(inMessages.map((h) => h.chatId)).toEqual([cn, cn]);
    expect(inMessages.map((h) => h.messageId).sort()).toEqual([`${cn}a`, `${cn}q`]);
    expect(inMessages.find((h) => h.role === "assistant")!.snippet).toContain("向量数据库的索引原理");
    // Another user's identical text is never found.
    expect(hits.some((h) => h.snippet.includes("too"))).toBe(false);
  });

  it("matches titles, Chinese and English, case-insensitively", async () => {
    expect((await search("数据库笔记")).find((h) => h.messageId === null)).toMatchObject({ chatId: cn, title: "数据库笔记" });
    expect((await search("trees")).find((h) => h.messageId === null)).toMatchObject({ chatId: en });
    const hits = await search("B-TREE");
    expect(hits.filter((h) => h.messageId).map((h) => h.messageId).sort()).toEqual([`${en}a`, `${en}q`]);
  });

  it("treats LIKE wildcards literally and never searches reasoning or JSON keys", async () => {
    const hits = await search("50%_off");
    expect(hits.filter((h) => h.messageId).map((h) => h.chatId)).toEqual([pct, pct]);
    expect(await search("0%_of_")).toEqual([]);
    expect(await search("secretthought")).toEqual([]);
    expect(await search("reasoning")).toEqual([]);
    expect(await search("\"type\"")).toEqual([]);
  });

  it("deleting hides the chat everywhere at once; undo brings it back in place", async () => {
    const before = await listIds();
    expect(before).toContain(en);
    expect((await dana.fetch(`/api/chats/${en}`, { method: "DELETE" })).status).toBe(204);

    expect(await listIds()).not.toContain(en);
    expect((await dana.fetch(`/api/chats/${en}`)).status).toBe(404);
    expect((await dana.fetch(`/api/chats/${en}/export?format=json`)).status).toBe(404);
    expect(await dana.fetch("/api/export").then((r) => r.text())).not.toContain("B-Tree");
    expect((await search("b-tree")).length).toBe(0);
    expect((await search("Trees")).length).toBe(0);
    // The chat route treats it as gone too (its id stays taken until purged).
    expect((await dana.json("/api/chat", chatBody(en, "still there?", { thinking: false }))).status).toBe(404);
    expect((await dana.json(`/api/chats/${en}`, { title: "renamed" }, { method: "PATCH" })).status).toBe(404);
    expect((await dana.fetch(`/api/chats/${en}`, { method: "DELETE" })).status).toBe(404);

    expect((await dana.fetch(`/api/chats/${en}/restore`, { method: "POST" })).status).toBe(200);
    expect(await listIds()).toEqual(before);
    expect((await dana.fetch(`/api/chats/${en}`)).status).toBe(200);
    expect((await search("b-tree")).length).toBeGreaterThan(0);
    // Restoring a chat that is not deleted is a 404, as is someone else's.
    expect((await dana.fetch(`/api/chats/${en}/restore`, { method: "POST" })).status).toBe(404);
  });

  it("cannot restore after the undo window; the chat and its messages are then purged for good", async () => {
    expect((await dana.fetch(`/api/chats/${pct}`, { method: "DELETE" })).status).toBe(204);
    // As if the undo window (30 s) had passed.
    await database.db.chat.update({ where: { id: pct }, data: { deletedAt: new Date(Date.now() - 31_000) } });
    expect((await dana.fetch(`/api/chats/${pct}/restore`, { method: "POST" })).status).toBe(404);
    // The restore attempt (like any delete or restore, and the minute sweep) purged it.
    expect(await database.db.chat.findUnique({ where: { id: pct } })).toBeNull();
    expect(await database.db.message.count({ where: { chatId: pct } })).toBe(0);
  });

  it("deleting a chat stops its answer in progress (saved as stopped, so an undo shows it)", async () => {
    const id = newId("c");
    const controller = new AbortController();
    const res = await dana.json("/api/chat", chatBody(id, "[[long:3000]] [[slow:20]] a long one", { thinking: false }), { signal: controller.signal });
    expect(res.status).toBe(200);
    const answer = async () => database.db.message.findFirst({ where: { chatId: id, role: "assistant" }, select: { status: true } });
    for (let i = 0; i < 100 && (await answer())?.status !== "streaming"; i++) await new Promise((r) => setTimeout(r, 100));
    expect((await answer())?.status).toBe("streaming");
    expect((await dana.fetch(`/api/chats/${id}`, { method: "DELETE" })).status).toBe(204);
    for (let i = 0; i < 100 && (await answer())?.status === "streaming"; i++) await new Promise((r) => setTimeout(r, 100));
    expect((await answer())?.status).toBe("stopped");
    controller.abort();
    expect((await dana.fetch(`/api/chats/${id}/restore`, { method: "POST" })).status).toBe(200);
  });

  it("account deletion removes soft-deleted chats too", async () => {
    const erin = new HttpClient(app.url);
    expect(await erin.signIn("erin@example.com", PASSWORD)).toBe(true);
    const [chat] = ((await (await erin.fetch("/api/chats")).json()) as { chats: Array<{ id: string }> }).chats;
    expect((await erin.fetch(`/api/chats/${chat.id}`, { method: "DELETE" })).status).toBe(204);
    expect(await database.db.chat.count({ where: { userId: erinId } })).toBe(1);
    const res = await erin.json("/api/account", { email: "erin@example.com", password: PASSWORD }, { method: "DELETE" });
    expect(res.status).toBe(204);
    expect(await database.db.chat.count({ where: { userId: erinId } })).toBe(0);
    expect(await database.db.message.count({ where: { chatId: chat.id } })).toBe(0);
  });
});
