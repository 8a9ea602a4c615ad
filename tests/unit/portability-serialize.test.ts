import { describe, expect, it } from "vitest";
import { importKeyFor } from "@/lib/portability/import";
import { readChats, type ReadItem } from "@/lib/portability/read";
import { CHAT_CLOSE, chatOpen, FILE_FOOTER, fileHeader, markdownHeader, markdownMessage, messageJson, type ExportChatRow, type ExportMessageRow } from "@/lib/portability/serialize";

const chat: ExportChatRow = {
  id: "c1",
  title: "Fish 🐟 / 鱼",
  titleSource: "user",
  model: "deepseek-flash",
  thinking: true,
  reasoningEffort: "high",
  settings: { systemPrompt: "Be brief" },
  createdAt: new Date("2026-03-01T10:00:00.000Z"),
  updatedAt: new Date("2026-03-01T10:05:00.000Z"),
};
const row = (id: string, parentId: string | null, role: "user" | "assistant", parts: ExportMessageRow["parts"], ms: number): ExportMessageRow => ({
  id,
  parentId,
  role,
  parts,
  model: role === "assistant" ? "deepseek-flash" : null,
  status: "complete",
  errorCode: null,
  finishReason: role === "assistant" ? "stop" : null,
  inputCacheHitTokens: role === "assistant" ? 64 : null,
  inputCacheMissTokens: role === "assistant" ? 3 : null,
  outputTokens: role === "assistant" ? 9 : null,
  reasoningTokens: role === "assistant" ? 4 : null,
  createdAt: new Date(ms),
  updatedAt: new Date(ms),
});
const messages = [
  row("u1", null, "user", [{ type: "text", text: "What is a shoal?" }], Date.UTC(2026, 2, 1, 10, 1)),
  row("a1", "u1", "assistant", [{ type: "step-start" }, { type: "reasoning", text: "Think\n\nabout fish", state: "done", id: "r0" } as never, { type: "text", text: "A group of fish." }], Date.UTC(2026, 2, 1, 10, 2)),
  row("a2", "u1", "assistant", [{ type: "text", text: "鱼群。" }], Date.UTC(2026, 2, 1, 10, 3)),
];

function file(): string {
  return fileHeader(new Date("2026-03-02T00:00:00.000Z")) + chatOpen(chat) + messages.map((m, i) => (i ? "," : "") + messageJson(m)).join("") + CHAT_CLOSE + FILE_FOOTER;
}

describe("Shoal JSON writer", () => {
  it("writes a valid document that the reader turns back into the same chat, byte for byte", async () => {
    const text = file();
    const parsed = JSON.parse(text) as { chats: unknown[] };
    expect(Object.keys(parsed)).toEqual(["format", "version", "exportedAt", "chats"]);
    const items: ReadItem[] = [];
    async function* body() {
      yield new TextEncoder().encode(text);
    }
    for await (const item of readChats(body(), { defaultModel: "x", maxBytes: 1e6 })) items.push(item);
    const read = items.find((i) => i.kind === "chat");
    expect(read?.kind).toBe("chat");
    const back = (read as Extract<ReadItem, { kind: "chat" }>).converted.chat;
    expect(JSON.stringify(back)).toBe(JSON.stringify(parsed.chats[0]));
    expect(back.messages[1].parts[1]).toEqual({ type: "reasoning", text: "Think\n\nabout fish", state: "done", id: "r0" });
    expect(back.messages[2].parentId).toBe("u1");
  });

  it("derives the same import key from the same content and a different one from changed content", () => {
    const parsed = JSON.parse(file()) as { chats: Array<{ title: string }> };
    const key = importKeyFor("shoal", parsed.chats[0]);
    expect(importKeyFor("shoal", JSON.parse(file()).chats[0])).toBe(key);
    expect(importKeyFor("chatgpt", parsed.chats[0])).not.toBe(key);
    expect(importKeyFor("shoal", { ...parsed.chats[0], title: "other" })).not.toBe(key);
  });
});

describe("Markdown writer", () => {
  const labels = { you: "You", assistant: "DeepSeek", system: "System", reasoning: "Reasoning", model: "Model", created: "Created" };

  it("writes the title, each turn, and reasoning only when asked", () => {
    const md = markdownHeader(chat, labels) + messages.map((m) => markdownMessage(m, labels, false)).join("");
    expect(md.startsWith("# Fish 🐟 / 鱼\n\nModel: deepseek-flash · Created: 2026-03-01T10:00:00.000Z\n")).toBe(true);
    expect(md).toContain("### You\n\nWhat is a shoal?\n");
    expect(md).toContain("### DeepSeek\n\nA group of fish.\n");
    expect(md).not.toContain("Think");
    const withReasoning = markdownMessage(messages[1], labels, true);
    expect(withReasoning).toContain("<details>\n<summary>Reasoning</summary>\n\n> Think\n>\n> about fish\n\n</details>");
    expect(withReasoning.indexOf("<details>")).toBeLessThan(withReasoning.indexOf("A group of fish."));
  });
});
