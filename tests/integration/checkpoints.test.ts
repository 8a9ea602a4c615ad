import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { partsText } from "@/lib/chat/search-text";
import { checkpointAssistants, markStaleStreamingInterrupted } from "@/lib/db/queries/messages";
import type { DbProvider } from "@/lib/db/url";
import { freshDatabase, type TestDatabase } from "../support/db";

// The process-wide checkpoint timer writes the progress of every running answer in one batch per
// second (lib/chat/generations/checkpoints.ts); the batch must be right on both databases.
describe.each<DbProvider>(["sqlite", "postgresql"])("batched answer checkpoints (%s)", (provider) => {
  let database: TestDatabase;
  const globalForDb = globalThis as { shoalDb?: unknown };

  beforeAll(async () => {
    database = await freshDatabase(provider);
    globalForDb.shoalDb = database.db; // the queries' getDb() uses this client
  });
  afterAll(async () => {
    globalForDb.shoalDb = undefined;
    await database?.cleanup();
  });

  it("writes parts of changed answers (over several slices), heartbeats the rest, and never touches a finished answer", async () => {
    const user = await database.db.user.create({ data: { email: `cp-${provider}@example.com`, passwordHash: "x" } });
    await database.db.chat.create({ data: { id: "cp-chat", userId: user.id, title: "t", model: "deepseek-flash", thinking: false } });
    const old = new Date(Date.now() - 60_000);
    const ids = Array.from({ length: 230 }, (_, i) => `cp-${i}`);
    await database.db.message.createMany({
      data: ids.map((id, i) => ({
        id,
        chatId: "cp-chat",
        role: "assistant",
        parts: [],
        searchText: "",
        // one finished answer, one wrongly swept as interrupted, the rest streaming
        status: i === 0 ? "complete" : i === 1 ? "interrupted" : "streaming",
        updatedAt: old,
      })),
    });
    // 0..219 changed (nine slices of 25), 220..229 only heartbeat
    await checkpointAssistants(
      ids.map((id, i) => (i < 220 ? { assistantId: id, parts: [{ type: "text", text: `answer ${i}`, state: "streaming" }] } : { assistantId: id })),
    );
    const rows = new Map((await database.db.message.findMany({ where: { chatId: "cp-chat" } })).map((r) => [r.id, r]));
    expect(rows.get("cp-0")).toMatchObject({ status: "complete", parts: [], searchText: "" });
    expect(rows.get("cp-0")!.updatedAt.getTime()).toBe(old.getTime());
    expect(rows.get("cp-1")).toMatchObject({ status: "streaming", parts: [{ type: "text", text: "answer 1" }] });
    for (const i of [2, 99, 100, 150, 219]) {
      // Search skips streaming answers, so a checkpoint does not write their searchText.
      expect(rows.get(`cp-${i}`)).toMatchObject({ status: "streaming", parts: [{ type: "text", text: `answer ${i}`, state: "streaming" }], searchText: "" });
      expect(rows.get(`cp-${i}`)!.updatedAt.getTime()).toBeGreaterThan(old.getTime());
    }
    for (const i of [220, 229]) {
      expect(rows.get(`cp-${i}`)).toMatchObject({ status: "streaming", parts: [] });
      expect(rows.get(`cp-${i}`)!.updatedAt.getTime()).toBeGreaterThan(old.getTime());
    }
  });

  it("the sweep marks silent answers interrupted with their searchText, over several slices, and leaves live ones", async () => {
    const user = await database.db.user.create({ data: { email: `sw-${provider}@example.com`, passwordHash: "x" } });
    await database.db.chat.create({ data: { id: "sw-chat", userId: user.id, title: "t", model: "deepseek-flash" } });
    const silent = new Date(Date.now() - 120_000);
    const parts = (i: number) => [{ type: "step-start" }, { type: "reasoning", text: `thinking ${i}`, state: "done" }, { type: "text", text: `answer ${i}`, state: "streaming" }];
    // sw-0 is complete, sw-1 checkpointed a moment ago (alive); sw-2 … sw-59 have been silent for 2 minutes.
    await database.db.message.createMany({
      data: Array.from({ length: 60 }, (_, i) => ({
        id: `sw-${i}`,
        chatId: "sw-chat",
        role: "assistant",
        parts: parts(i),
        status: i === 0 ? "complete" : "streaming",
        updatedAt: i === 1 ? new Date() : silent,
      })),
    });
    expect(await markStaleStreamingInterrupted({ staleMs: 60_000 })).toBe(58);
    const rows = new Map((await database.db.message.findMany({ where: { chatId: "sw-chat" } })).map((r) => [r.id, r]));
    expect(rows.get("sw-0")).toMatchObject({ status: "complete", searchText: "" });
    expect(rows.get("sw-1")).toMatchObject({ status: "streaming", searchText: "" });
    for (let i = 2; i < 60; i++) expect(rows.get(`sw-${i}`)).toMatchObject({ status: "interrupted", searchText: `answer ${i}`, parts: parts(i) });
    expect(partsText(rows.get("sw-2")!.parts)).toBe("answer 2");
    expect(await markStaleStreamingInterrupted({ staleMs: 60_000 })).toBe(0);
  });
});
