import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqliteThreadOf } from "@/lib/db/client";
import { findOwnedChat } from "@/lib/db/queries/chats";
import { listMessageTree, startChatWithTurn, startTurn } from "@/lib/db/queries/messages";
import type { DbProvider } from "@/lib/db/url";
import { freshDatabase, type TestDatabase } from "../support/db";

// A turn's first writes (lib/db/queries/messages.ts): on SQLite one writeTransaction call to the
// database thread with statements of our own (lib/db/sql-rows.ts), on PostgreSQL Prisma's batch
// transaction. Both must store exactly what Prisma would, and write all of a turn or none of it.
describe.each<DbProvider>(["sqlite", "postgresql"])("a turn's first writes (%s)", (provider) => {
  let database: TestDatabase;
  let userId: string;
  const globalForDb = globalThis as { shoalDb?: unknown };
  const question = (id: string, text: string) => ({ id, parts: [{ type: "text", text }] });
  const newChat = (id: string, extra: Partial<Parameters<typeof startChatWithTurn>[0]["chat"]> = {}) => ({
    chat: { id, userId, title: `chat ${id}`, model: "deepseek-flash", thinking: false, reasoningEffort: null, ...extra },
    model: "deepseek-flash",
  });

  beforeAll(async () => {
    database = await freshDatabase(provider);
    globalForDb.shoalDb = database.db; // the queries' getDb() uses this client
    userId = (await database.db.user.create({ data: { email: `tw-${provider}@example.com`, passwordHash: "x" } })).id;
  });
  afterAll(async () => {
    globalForDb.shoalDb = undefined;
    await database?.cleanup();
  });

  it("takes the one-call path on SQLite only", () => {
    expect(sqliteThreadOf(database.db) !== null).toBe(provider === "sqlite");
  });

  it("creates a chat with its first turn, and returns the chat exactly as it then reads back", async () => {
    const settings = { systemPrompt: "Be brief. «引号» \"quotes\"", temperature: 0.4 };
    const before = Date.now();
    const created = await startChatWithTurn({
      ...newChat("tw-new", { thinking: true, reasoningEffort: "high", settings }),
      userMessage: question("tw-q1", "你好 — hello"),
      assistantId: "tw-a1",
    });
    expect(created).toEqual(await findOwnedChat({ id: "tw-new", userId }));
    expect(created).toMatchObject({ title: "chat tw-new", thinking: true, reasoningEffort: "high", settings, titleSource: "auto", pinned: false, activeLeafId: "tw-a1" });
    expect(created!.createdAt.getTime()).toBeGreaterThanOrEqual(before);

    const tree = await listMessageTree({ chatId: "tw-new" });
    expect(tree.map((m) => [m.id, m.parentId, m.role, m.metadata?.status, m.metadata?.model])).toEqual([
      ["tw-q1", null, "user", "complete", null],
      ["tw-a1", "tw-q1", "assistant", "streaming", "deepseek-flash"],
    ]);
    expect(tree[0].parts).toEqual([{ type: "text", text: "你好 — hello" }]);
    expect(tree[1].parts).toEqual([]);
    expect(tree[1].createdAt.getTime()).toBe(tree[0].createdAt.getTime() + 1);

    // A chat without settings stores NULL, not JSON null.
    await startChatWithTurn({ ...newChat("tw-plain"), userMessage: question("tw-q0", "plain"), assistantId: "tw-a0" });
    expect((await findOwnedChat({ id: "tw-plain", userId }))?.settings).toBeNull();
    const [plain] = await database.db.$queryRaw<Array<{ none: unknown }>>`SELECT "settings" IS NULL AS "none" FROM "Chat" WHERE "id" = 'tw-plain'`;
    expect(Number(plain.none)).toBe(1);
  });

  // PostgreSQL's writes are Prisma's own.
  it.skipIf(provider !== "sqlite")("stores dates, booleans and JSON in the same form as Prisma does", async () => {
    const at = new Date("2026-12-06T10:00:00.123Z");
    await database.db.chat.create({
      data: { id: "tw-prisma", userId, title: "p", model: "deepseek-flash", thinking: true, settings: { a: [1, "x"] }, createdAt: at, updatedAt: at },
    });
    await startChatWithTurn({ ...newChat("tw-ours", { thinking: true, settings: { a: [1, "x"] } }), userMessage: question("tw-q2", "x"), assistantId: "tw-a2" });
    type Stored = { thinking: unknown; pinned: unknown; settings: unknown; createdAt: unknown; tc: string; tt: string; ts: string };
    const stored = (id: string) =>
      database.db.$queryRawUnsafe<Stored[]>(
        `SELECT "thinking", "pinned", "settings", CAST("createdAt" AS TEXT) AS "createdAt", typeof("createdAt") AS tc, typeof("thinking") AS tt, typeof("settings") AS ts FROM "Chat" WHERE "id" = ?`,
        id,
      );
    const [prisma] = await stored("tw-prisma");
    const [ours] = await stored("tw-ours");
    expect({ ...ours, createdAt: undefined }).toEqual({ ...prisma, createdAt: undefined });
    // The same text format for dates (ISO 8601 with +00:00), so ordering and comparisons agree.
    expect(String(ours.createdAt)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
    expect(String(prisma.createdAt)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);

    // The messages: Prisma's createMany of the same rows, against ours (ids aside).
    await database.db.message.createMany({
      data: [
        { id: "tw-pq", chatId: "tw-prisma", parentId: null, role: "user", parts: [{ type: "text", text: "x" }], searchText: "x", model: null, status: "complete", createdAt: at, updatedAt: at },
        { id: "tw-pa", chatId: "tw-prisma", parentId: "tw-pq", role: "assistant", parts: [], searchText: "", model: "deepseek-flash", status: "streaming", createdAt: at, updatedAt: at },
      ],
    });
    const messages = (chatId: string) =>
      database.db.$queryRawUnsafe<Array<Record<string, unknown>>>(
        `SELECT "role", "parts", "searchText", "model", "status", "errorCode", "outputTokens", typeof("parentId") AS tp, typeof("createdAt") AS tc, typeof("updatedAt") AS tu,
                length(CAST("updatedAt" AS TEXT)) AS lu FROM "Message" WHERE "chatId" = ? ORDER BY "role" DESC`,
        chatId,
      );
    expect(await messages("tw-ours")).toEqual(await messages("tw-prisma"));

    // startTurn's UPDATE of the chat: the same stored form as Prisma's update.
    await database.db.chat.update({ where: { id: "tw-prisma" }, data: { model: "deepseek-pro", thinking: false, reasoningEffort: "max", updatedAt: at, activeLeafId: "tw-pa" } });
    await startTurn({ chatId: "tw-ours", chatSettings: { model: "deepseek-pro", thinking: false, reasoningEffort: "max" }, assistantId: "tw-a2b", model: "m", parentId: "tw-q2" });
    const [prismaUpdated] = await stored("tw-prisma");
    const [oursUpdated] = await stored("tw-ours");
    expect({ ...oursUpdated, createdAt: undefined }).toEqual({ ...prismaUpdated, createdAt: undefined });
    const models = await database.db.$queryRawUnsafe<Array<Record<string, unknown>>>(
      `SELECT "model", "reasoningEffort", typeof("reasoningEffort") AS te, length(CAST("updatedAt" AS TEXT)) AS lu FROM "Chat" WHERE "id" IN ('tw-prisma', 'tw-ours')`,
    );
    expect(models[0]).toEqual(models[1]);
  });

  it("adds a turn to an existing chat, moving it up and storing changed model settings", async () => {
    const old = (await findOwnedChat({ id: "tw-new", userId }))!;
    await startTurn({
      chatId: "tw-new",
      chatSettings: { model: "deepseek-pro", thinking: false, reasoningEffort: null },
      userMessage: question("tw-q3", "next"),
      assistantId: "tw-a3",
      model: "deepseek-pro",
      parentId: "tw-a1",
    });
    const chat = (await findOwnedChat({ id: "tw-new", userId }))!;
    expect(chat).toMatchObject({ model: "deepseek-pro", thinking: false, reasoningEffort: null, activeLeafId: "tw-a3", title: old.title, settings: old.settings });
    expect(chat.updatedAt.getTime()).toBeGreaterThanOrEqual(old.updatedAt.getTime());
    const tree = await listMessageTree({ chatId: "tw-new" });
    expect(tree.slice(2).map((m) => [m.id, m.parentId, m.role])).toEqual([
      ["tw-q3", "tw-a1", "user"],
      ["tw-a3", "tw-q3", "assistant"],
    ]);

    // Regenerate: only a new answer to an existing question, settings unchanged.
    await startTurn({ chatId: "tw-new", assistantId: "tw-a5", model: "deepseek-pro", parentId: "tw-q3" });
    expect((await listMessageTree({ chatId: "tw-new" })).at(-1)).toMatchObject({ id: "tw-a5", parentId: "tw-q3", role: "assistant" });
    expect((await findOwnedChat({ id: "tw-new", userId }))!.activeLeafId).toBe("tw-a5");
  });

  it("writes nothing when an id is taken, and says which", async () => {
    const messages = await database.db.message.count();
    const chats = await database.db.chat.count();
    // A new chat whose question id is taken: refused, and no empty chat is left behind.
    await expect(startChatWithTurn({ ...newChat("tw-dupq"), userMessage: question("tw-q1", "again"), assistantId: "tw-a6" })).rejects.toMatchObject({
      code: "bad_request:chat",
      detail: { reason: "message_id_taken" },
    });
    // A new chat whose id was taken meanwhile: null, so the caller goes on as for an existing chat.
    expect(await startChatWithTurn({ ...newChat("tw-new"), userMessage: question("tw-q7", "race"), assistantId: "tw-a7" })).toBeNull();
    // An existing chat: the question id is taken; the chat is not moved.
    const chat = (await findOwnedChat({ id: "tw-new", userId }))!;
    await expect(startTurn({ chatId: "tw-new", userMessage: question("tw-q1", "dup"), assistantId: "tw-a8", model: "m", parentId: "tw-a5" })).rejects.toMatchObject({
      code: "bad_request:chat",
    });
    expect(await findOwnedChat({ id: "tw-new", userId })).toEqual(chat);
    expect(await database.db.message.count()).toBe(messages);
    expect(await database.db.chat.count()).toBe(chats);
  });

  it("writes nothing of a turn whose chat is gone, and reports the chat as not found", async () => {
    await startChatWithTurn({ ...newChat("tw-gone"), userMessage: question("tw-q9", "soon gone"), assistantId: "tw-a9" });
    await database.db.chat.delete({ where: { id: "tw-gone" } });
    const messages = await database.db.message.count();
    await expect(startTurn({ chatId: "tw-gone", userMessage: question("tw-q10", "hello?"), assistantId: "tw-a10", model: "m", parentId: null })).rejects.toMatchObject({
      code: "not_found:chat",
    });
    expect(await database.db.message.count()).toBe(messages);
  });
});

