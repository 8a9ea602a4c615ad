import { hash } from "@node-rs/argon2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { partsText } from "@/lib/chat/search-text";
import { RECENT_CHATS, searchStatements, likePattern } from "@/lib/db/queries/search";
import type { DbProvider } from "@/lib/db/url";
import { SEARCH_INDEX } from "@/lib/db/search-index";
import { startApp, type AppServer } from "../support/app-server";
import { chatBody, newId, waitForMessage } from "../support/chat-helpers";
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
  let fay: HttpClient;
  let fayId: string;

  /** A chat written straight into the database: one question and one answer (with reasoning). */
  async function seedChat(userId: string, title: string, question: string, answer: string, reasoning = "") {
    const id = newId("s");
    await database.db.chat.create({ data: { id, userId, title, model: "deepseek-flash", thinking: false } });
    await database.db.message.create({ data: { id: `${id}q`, chatId: id, role: "user", parts: [{ type: "text", text: question }], searchText: question, status: "complete" } });
    const parts = [...(reasoning ? [{ type: "reasoning", text: reasoning }] : []), { type: "text", text: answer }];
    await database.db.message.create({
      data: {
        id: `${id}a`,
        chatId: id,
        parentId: `${id}q`,
        role: "assistant",
        parts,
        searchText: partsText(parts),
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
    fayId = (await database.db.user.create({ data: { email: "fay@example.com", passwordHash } })).id;
    fay = new HttpClient(app.url);
    expect(await fay.signIn("fay@example.com", PASSWORD)).toBe(true);
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

  it("lists message hits newest chat first, past the chats the first pass reads, and finds one only in an old chat", async () => {
    // RECENT_CHATS + 10 chats with the same word, a minute apart; the oldest also holds two rarer terms.
    const base = Date.now() - 86_400_000;
    const ids: string[] = [];
    for (let i = 0; i < RECENT_CHATS + 10; i++) {
      const id = await seedChat(danaId, `Fruit ${i}`, `kumquat question ${i}${i === 0 ? " persimmon 柿子 柿子树" : ""}`, `kumquat answer ${i}`);
      await database.db.chat.update({ where: { id }, data: { updatedAt: new Date(base + i * 60_000) } });
      ids.push(id);
    }
    const newestFirst = ids.toReversed();
    // 20 hits: the 10 newest chats' question and answer (saved in the same millisecond here), chat by chat.
    const common = await search("KUMQUAT");
    expect(common.map((h) => h.chatId)).toEqual(newestFirst.slice(0, 10).flatMap((id) => [id, id]));
    expect(common.map((h) => h.messageId).sort()).toEqual(newestFirst.slice(0, 10).flatMap((id) => [`${id}a`, `${id}q`]).sort());
    // Only in the oldest chat, beyond the first pass: found by the second (trigram index on
    // PostgreSQL for three or more characters, ILIKE or, without cased letters, LIKE; a
    // two-character word walks the user's chats).
    for (const term of ["persimmon", "PERSIMMON", "柿子", "柿子树"]) {
      expect((await search(term)).map((h) => h.messageId)).toEqual([`${ids[0]}q`]);
    }
  });

  it("does not find an answer while it is still streaming, and finds it once it is saved", async () => {
    const id = await seedChat(danaId, "Streaming", "tell me about quinces", "a quince is a pome fruit, streaming");
    await database.db.message.update({ where: { id: `${id}a` }, data: { status: "streaming" } });
    // Neither pass returns it: the first (recent chats) drops it, the second (all chats) excludes it.
    expect((await search("pome fruit")).map((h) => h.messageId)).toEqual([]);
    expect((await search("quince")).map((h) => h.messageId)).toEqual([`${id}q`]);
    await database.db.message.update({ where: { id: `${id}a` }, data: { status: "complete" } });
    expect((await search("pome fruit")).map((h) => h.messageId)).toEqual([`${id}a`]);
  });

  it("finds a term in an old chat when the recent chats hold it only in reasoning or in the stored JSON's keys", async () => {
    // The oldest chat says "zephyr" and "done" where the user can read them.
    const old = await seedChat(fayId, "Old", "is the zephyr done yet?", "it is done");
    await database.db.chat.update({ where: { id: old }, data: { updatedAt: new Date(Date.now() - 86_400_000) } });
    // The recent chats: two answers each, as the app stores them: the reasoning mentions zephyr,
    // and every part carries `"state":"done"`. More rows than the first pass asks for, no hits.
    for (let i = 0; i < RECENT_CHATS; i++) {
      const id = newId("s");
      await database.db.chat.create({ data: { id, userId: fayId, title: `Recent ${i}`, model: "deepseek-flash", thinking: true } });
      for (const turn of [0, 1]) {
        await database.db.message.create({ data: { id: `${id}q${turn}`, chatId: id, role: "user", parts: [{ type: "text", text: `question ${turn}` }], searchText: `question ${turn}`, status: "complete" } });
        const parts = [
          { type: "reasoning", text: "the zephyr is a west wind", state: "done" },
          { type: "text", text: `answer ${turn}`, state: "done" },
        ];
        await database.db.message.create({ data: { id: `${id}a${turn}`, chatId: id, role: "assistant", parts, searchText: partsText(parts), status: "complete" } });
      }
    }
    expect((await search("zephyr", fay)).map((h) => h.messageId)).toEqual([`${old}q`]);
    expect((await search("done", fay)).map((h) => h.messageId).sort()).toEqual([`${old}a`, `${old}q`]);
  });

  it("finds a real answer by its text, never by its reasoning, once it is saved", async () => {
    const id = newId("c");
    const res = await dana.json("/api/chat", chatBody(id, "a question about nectarines", { thinking: true }));
    expect(res.status).toBe(200);
    await res.text();
    await waitForMessage(dana, id, (m) => m.role === "assistant" && (m.metadata as { status?: string }).status === "complete");
    const answer = await database.db.message.findFirstOrThrow({ where: { chatId: id, role: "assistant" } });
    const parts = answer.parts as Array<{ type: string; text?: string }>;
    const reasoning = parts.find((p) => p.type === "reasoning")?.text ?? "";
    const word = /[A-Za-z]{6,}/.exec(answer.searchText)?.[0];
    expect(reasoning.length).toBeGreaterThan(0);
    expect(word).toBeDefined();
    expect(answer.searchText).toBe(partsText(parts));
    expect(answer.searchText).not.toContain(reasoning);
    expect((await search(word!)).some((h) => h.messageId === answer.id)).toBe(true);
    expect((await search("nectarines")).map((h) => h.messageId)).toContain((await database.db.message.findFirstOrThrow({ where: { chatId: id, role: "user" } })).id);
  });

  it.runIf(provider === "postgresql")("PostgreSQL: the second pass can use the trigram index; the first pass never does", async () => {
    // With sequential scans priced out, what the planner picks shows which indexes each query can use.
    const plan = (sql: string, ...values: unknown[]) =>
      database.db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
        const rows = await tx.$queryRawUnsafe<Array<{ "QUERY PLAN": string }>>(`EXPLAIN ${sql}`, ...values);
        return rows.map((r) => r["QUERY PLAN"]).join("\n");
      });
    // The probe counts the index's candidates team-wide, up to the cap; -1 when the term has no trigram.
    const probe = async (term: string) =>
      Number((await database.db.$queryRawUnsafe<Array<{ n: bigint | number }>>(searchStatements("postgresql").probe!, term, likePattern(term), 2001))[0].n);
    expect(await probe("persimmon")).toBe(1);
    expect(await probe("kumquat")).toBe((RECENT_CHATS + 10) * 2);
    expect(await probe("zzzqqq")).toBe(0);
    expect(await probe("---")).toBe(-1);
    // ILIKE for a term with letters, LIKE for one without (Chinese, digits): the index serves both.
    for (const caseless of [false, true]) {
      const sql = searchStatements("postgresql", { caseless });
      expect(sql.trigram).toContain(caseless ? '"searchText" LIKE $2' : '"searchText" ILIKE $2');
      expect(await plan(sql.trigram!, danaId, likePattern("柿子树"), 80)).toContain(`Bitmap Index Scan on "${SEARCH_INDEX}"`);
      for (const chats of [RECENT_CHATS, -1]) {
        const walk = await plan(sql.walk, danaId, chats, likePattern("persimmon"), 80);
        expect(walk).toContain('"Message_chatId_createdAt_idx"');
        expect(walk).not.toContain(SEARCH_INDEX);
      }
    }
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

  it("every saved message written here, by the app or the tests, has the searchText of its parts", async () => {
    const rows = await database.db.message.findMany({ where: { status: { not: "streaming" } }, select: { id: true, parts: true, searchText: true, status: true } });
    expect(rows.length).toBeGreaterThan(RECENT_CHATS * 4);
    // Among them answers the app streamed and saved, and one it stopped when its chat was deleted.
    expect(rows.some((r) => r.status === "stopped")).toBe(true);
    for (const row of rows) expect(row.searchText, row.id).toBe(partsText(row.parts));
  });
});
