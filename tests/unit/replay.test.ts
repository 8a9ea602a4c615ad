import { convertToModelMessages, type UIMessage } from "ai";
import { describe, expect, it } from "vitest";
import { messageText, prepareHistoryForReplay } from "@/lib/ai/replay";

const user = (id: string, text: string): UIMessage => ({ id, role: "user", parts: [{ type: "text", text }] });
const assistant = (id: string, reasoning: string, text: string): UIMessage => ({
  id,
  role: "assistant",
  parts: [
    { type: "reasoning", text: reasoning },
    { type: "text", text },
  ],
});

describe("reasoning replay rules", () => {
  it("drops reasoning from completed earlier turns", () => {
    const out = prepareHistoryForReplay([user("u1", "hi"), assistant("a1", "thinking…", "hello"), user("u2", "again")]);
    expect(out[1].parts).toEqual([{ type: "text", text: "hello" }]);
    expect(out[0]).toEqual(user("u1", "hi"));
  });

  it("keeps reasoning after the last user message (current turn)", () => {
    const msgs = [user("u1", "hi"), assistant("a1", "r", "partial")];
    expect(prepareHistoryForReplay(msgs)[1].parts).toHaveLength(2);
  });

  it("keeps reasoning on earlier turns that called tools, as DeepSeek V4 requires", () => {
    const withTool: UIMessage = {
      id: "a1",
      role: "assistant",
      parts: [
        { type: "reasoning", text: "need weather" },
        { type: "tool-weather", toolCallId: "c1", state: "output-available", input: { city: "SF" }, output: "sunny" },
        { type: "text", text: "It is sunny" },
      ] as UIMessage["parts"],
    };
    const out = prepareHistoryForReplay([user("u1", "weather?"), withTool, user("u2", "thanks")]);
    expect(out[1].parts.map((p) => p.type)).toEqual(["reasoning", "tool-weather", "text"]);
  });

  it("produces model messages without earlier reasoning", async () => {
    const model = await convertToModelMessages(
      prepareHistoryForReplay([user("u1", "hi"), assistant("a1", "secret chain", "hello"), user("u2", "more")]),
    );
    expect(JSON.stringify(model)).not.toContain("secret chain");
    expect(model.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
  });

  it("extracts answer text without reasoning", () => {
    expect(messageText(assistant("a", "hidden", "shown"))).toBe("shown");
  });
});
