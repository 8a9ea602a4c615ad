import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { shoalChatSchema, type ConvertedChat } from "@/lib/portability/format";
import { detectFormat, ImportFileError, readChats, type ReadItem } from "@/lib/portability/read";

const fixtures = path.resolve(import.meta.dirname, "../fixtures/import");
const load = (name: string) => fs.readFileSync(path.join(fixtures, name));

/** The file as a stream of small chunks, so every parse crosses chunk boundaries (also inside UTF-8). */
async function* chunked(buf: Uint8Array, size = 97): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

async function readAll(buf: Uint8Array, maxBytes = 10_000_000): Promise<ReadItem[]> {
  const items: ReadItem[] = [];
  for await (const item of readChats(chunked(buf), { defaultModel: "deepseek-flash", maxBytes })) items.push(item);
  return items;
}
const chatsOf = (items: ReadItem[]) => items.filter((i): i is Extract<ReadItem, { kind: "chat" }> => i.kind === "chat").map((i) => i.converted);
const textOf = (c: ConvertedChat, i: number) => c.chat.messages[i].parts.filter((p) => p.type === "text").map((p) => p.text).join("");

async function fileError(buf: Uint8Array): Promise<ImportFileError> {
  try {
    await readAll(buf);
  } catch (e) {
    if (e instanceof ImportFileError) return e;
    throw e;
  }
  throw new Error("expected a file error");
}

describe("format detection", () => {
  it("recognises each supported format from its first bytes", () => {
    expect(detectFormat(load("chatgpt-conversations.json").toString())).toBe("chatgpt");
    expect(detectFormat(load("nextchat-backup.json").toString())).toBe("nextchat");
    expect(detectFormat(load("lobechat-export.json").toString())).toBe("lobechat");
    expect(detectFormat('\uFEFF {"format":"shoal-export","version":1,"chats":[]}')).toBe("shoal");
  });

  it("refuses empty and unknown files with a reason", () => {
    expect(() => detectFormat("   ")).toThrow(expect.objectContaining({ reason: "empty_file" }));
    expect(() => detectFormat('{"hello":"world"}')).toThrow(expect.objectContaining({ reason: "unknown_format" }));
    expect(() => detectFormat("name,title\n")).toThrow(expect.objectContaining({ reason: "unknown_format" }));
  });
});

describe("ChatGPT conversations.json", () => {
  it("keeps the visible branch as the main line and the other branches by parentId", async () => {
    const items = await readAll(load("chatgpt-conversations.json"));
    const [sourdough] = chatsOf(items);
    const { chat, notes } = sourdough;
    expect(shoalChatSchema.safeParse(chat).success).toBe(true);
    expect(chat.title).toBe("Sourdough starter help");
    expect(chat.model).toBe("deepseek-flash");
    // 2 versions of the first question, 3 answers to them (one cut off), then one more turn.
    expect(chat.messages.map((m) => m.id).sort()).toEqual(["a1-a", "a1-b", "a1-c", "a2", "u1-a", "u1-b", "u2"]);
    const byId = new Map(chat.messages.map((m) => [m.id, m]));
    // Hidden system message, thoughts and the reasoning recap are not messages; their children are re-attached.
    expect(byId.get("u1-a")!.parentId).toBeNull();
    expect(byId.get("u1-b")!.parentId).toBeNull();
    expect(byId.get("a1-b")!.parentId).toBe("u1-b");
    expect(byId.get("a1-c")!.parentId).toBe("u1-b");
    expect(byId.get("u2")!.parentId).toBe("a1-b");
    // The "thoughts" became the reasoning of the answer that followed them.
    expect(byId.get("a1-b")!.parts).toEqual([
      { type: "reasoning", text: "Rye specifics\n\nRye ferments faster; hydration 100%." },
      { type: "text", text: "Use whole rye: 50 g flour + 50 g water daily." },
    ]);
    expect(byId.get("a1-b")!.model).toBe("o3");
    expect(byId.get("a1-c")!.finishReason).toBe("length");
    expect(notes).toEqual([]);
    // Every child is later than its parent, so thread order follows the tree.
    for (const m of chat.messages) {
      if (m.parentId) expect(Date.parse(m.createdAt)).toBeGreaterThan(Date.parse(byId.get(m.parentId)!.createdAt));
    }
  });

  it("keeps non-Latin text, reports dropped images, attachments and tool calls, skips invalid conversations", async () => {
    const items = await readAll(load("chatgpt-conversations.json"));
    const [, sales, russian] = chatsOf(items);
    expect(sales.chat.title).toBe("数据分析：销售表格");
    expect(sales.chat.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(textOf(sales, 0)).toBe("请分析这张图表和附件里的销售数据。📊");
    expect(textOf(sales, 1)).toContain("| Q4 | 1,200 万 |");
    expect(sales.chat.messages[1].parentId).toBe(sales.chat.messages[0].id);
    expect(sales.notes).toEqual(["attachments_dropped", "tool_messages_dropped"]);

    expect(russian.chat.title).toBe("ChatGPT");
    expect(russian.chat.messages.map((m) => textOf({ ...russian }, russian.chat.messages.indexOf(m)))).toEqual([
      "Привет! Ты здесь?",
      "Да, я здесь — чем помочь?",
    ]);
    expect(russian.chat.messages[1]).toMatchObject({ status: "stopped", model: "gpt-4o-mini" });
    expect(russian.notes).toEqual(["empty_messages_dropped", "unknown_roles_dropped"]);

    const invalid = items.find((i) => i.kind === "invalid");
    expect(invalid).toMatchObject({ kind: "invalid", index: 3, title: "Broken conversation" });
  });
});

describe("NextChat backup", () => {
  it("imports sessions with the mask's preset messages, errors and non-Latin text", async () => {
    const items = await readAll(load("nextchat-backup.json"));
    const chats = chatsOf(items);
    expect(chats.map((c) => c.chat.title)).toEqual(["周末旅行计划", "New Conversation", "Regex help"]);
    const [trip, empty, regex] = chats;
    expect(trip.chat.messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "user", "assistant"]);
    expect(textOf(trip, 0)).toBe("你是一位热情的旅行规划师。");
    expect(textOf(trip, 3)).toBe("这张照片是哪里？");
    expect(trip.chat.messages[4]).toMatchObject({ status: "error", model: "deepseek-chat" });
    expect(trip.chat.messages[2].model).toBe("deepseek-reasoner");
    expect(trip.notes).toEqual(["attachments_dropped", "empty_messages_dropped"]);
    for (let i = 1; i < trip.chat.messages.length; i++) {
      expect(trip.chat.messages[i].parentId).toBe(trip.chat.messages[i - 1].id);
      expect(trip.chat.messages[i].createdAt > trip.chat.messages[i - 1].createdAt).toBe(true);
    }
    expect(empty.chat.messages).toEqual([]);
    expect(regex.chat.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(regex.chat.messages[1].status).toBe("stopped");
    expect(regex.notes).toEqual(["unknown_roles_dropped"]);
    expect(items.find((i) => i.kind === "invalid")).toMatchObject({ index: 3, title: "Corrupted session" });
  });
});

describe("LobeChat export", () => {
  it("makes one chat per topic with the agent's system role, reasoning and branches", async () => {
    const chats = chatsOf(await readAll(load("lobechat-export.json")));
    expect(chats.map((c) => c.chat.title)).toEqual(["て形の練習", "LobeChat"]);
    const [lesson, inbox] = chats;
    const roles = lesson.chat.messages.map((m) => m.role);
    expect(roles).toEqual(["system", "user", "assistant", "assistant", "user"]);
    expect(textOf(lesson, 0)).toBe("あなたは親切な日本語の先生です。");
    const [, question, answer, regenerated, followUp] = lesson.chat.messages;
    expect(answer.parts[0]).toEqual({ type: "reasoning", text: "る-verb: drop る, add て." });
    expect(answer.parentId).toBe(question.id);
    expect(regenerated.parentId).toBe(question.id); // a sibling branch
    expect(followUp.parentId).toBe(answer.id);
    expect(lesson.notes).toEqual(["attachments_dropped", "empty_messages_dropped", "tool_messages_dropped"]);
    expect(inbox.chat.messages.map((m) => textOf(inbox, inbox.chat.messages.indexOf(m)))).toEqual(["What's 2+2?", "4"]);
    expect(inbox.notes).toEqual(["unknown_roles_dropped"]);
  });
});

describe("Shoal format and file errors", () => {
  const chat = {
    id: "c1",
    title: "T",
    titleSource: "auto",
    model: "deepseek-flash",
    thinking: true,
    reasoningEffort: null,
    settings: null,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
    messages: [],
  };
  const file = (body: object) => Buffer.from(JSON.stringify(body));

  it("requires the format header before the chats and a known version", async () => {
    expect((await fileError(file({ chats: [chat], format: "shoal-export", version: 1 }))).reason).toBe("missing_header");
    expect((await fileError(Buffer.from(`{"format":"shoal-export","chats":[${JSON.stringify(chat)}],"version":1}`))).reason).toBe("missing_header");
    expect((await fileError(file({ format: "shoal-export", version: 2, chats: [] }))).reason).toBe("unsupported_version");
  });

  it("validates every chat strictly and reports the first problem", async () => {
    const bad = [
      { ...chat, extra: 1 },
      { ...chat, messages: [{ id: "m1", parentId: "nope", role: "user", parts: [], model: null, status: "complete", errorCode: null, finishReason: null, usage: { inputCacheHitTokens: null, inputCacheMissTokens: null, outputTokens: null, reasoningTokens: null }, createdAt: chat.createdAt, updatedAt: chat.createdAt }] },
      { ...chat, id: "has spaces" },
      { ...chat, messages: [{ id: "m1", parentId: null, role: "robot" }] },
    ];
    const items = await readAll(file({ format: "shoal-export", version: 1, chats: [chat, ...bad] }));
    expect(items.filter((i) => i.kind === "chat")).toHaveLength(1);
    const invalid = items.filter((i) => i.kind === "invalid") as Array<Extract<ReadItem, { kind: "invalid" }>>;
    expect(invalid.map((i) => i.index)).toEqual([1, 2, 3, 4]);
    expect(invalid[1].detail).toContain("parent not in this chat");
  });

  it("stops with malformed_json on a cut-off file, after yielding the chats before the cut", async () => {
    const whole = load("chatgpt-conversations.json");
    const cut = whole.subarray(0, Math.floor(whole.length * 0.8));
    const items: ReadItem[] = [];
    let error: unknown;
    try {
      for await (const item of readChats(chunked(cut), { defaultModel: "deepseek-flash", maxBytes: 1e7 })) items.push(item);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as ImportFileError).reason).toBe("malformed_json");
    expect(chatsOf(items).length).toBeGreaterThanOrEqual(1);
    expect((await fileError(Buffer.from('[{"title": "x", }]'))).reason).toBe("malformed_json");
  });

  it("refuses files over the size limit while streaming", async () => {
    const big = load("chatgpt-conversations.json");
    let error: unknown;
    try {
      for await (const _ of readChats(chunked(big, 1024), { defaultModel: "deepseek-flash", maxBytes: 5000 })) void _;
    } catch (e) {
      error = e;
    }
    expect((error as ImportFileError).reason).toBe("too_large");
  });
});
