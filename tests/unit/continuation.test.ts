// "Continue": pure helpers, and the prefix request as @ai-sdk/deepseek sends it to the emulator.
import { createDeepSeek } from "@ai-sdk/deepseek";
import { convertToModelMessages, streamText, type UIMessage } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachmentToModelPart } from "@/lib/attachments/context";
import { betaBaseUrl } from "@/lib/ai/beta-url";
import { addUsage, canContinue, continuationTarget, mergeContinuation, prefixChunks, prefixMessage } from "@/lib/chat/continuation";
import type { ChatUIMessage } from "@/lib/chat/types";
import { AppError } from "@/lib/errors";
import { startEmulator, type Emulator } from "../support/deepseek-emulator/server.ts";

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(async () => {
  await emu.close();
});

type Parts = ChatUIMessage["parts"];
const meta = (m: Partial<NonNullable<ChatUIMessage["metadata"]>>) => ({ status: "complete" as const, createdAt: "2026-01-01T00:00:00.000Z", ...m });
const answer = (text: string, m: Partial<NonNullable<ChatUIMessage["metadata"]>>) => ({
  id: "a1",
  parentId: "q1",
  createdAt: "2026-01-01T00:00:00.000Z",
  role: "assistant" as const,
  parts: [{ type: "text" as const, text }],
  metadata: meta(m),
});

describe("which answers can be continued", () => {
  it("cut by max tokens, stopped or interrupted; not complete, failed or streaming", () => {
    expect(canContinue(answer("x", { finishReason: "length" }))).toBe(true);
    expect(canContinue(answer("x", { status: "stopped" }))).toBe(true);
    expect(canContinue(answer("x", { status: "interrupted" }))).toBe(true);
    expect(canContinue(answer("x", { finishReason: "stop" }))).toBe(false);
    expect(canContinue(answer("x", { status: "error", finishReason: "length" }))).toBe(false);
    expect(canContinue(answer("x", { status: "streaming" }))).toBe(false);
    expect(canContinue({ ...answer("x", { finishReason: "length" }), role: "user" })).toBe(false);
  });
  it("refuses an answer that already has replies", () => {
    const q = { id: "q1", parentId: null, createdAt: "2026-01-01T00:00:00.000Z", role: "user" as const, parts: [], metadata: meta({}) };
    const a = answer("x", { finishReason: "length" });
    expect(continuationTarget([q, a], "a1")).toBe(a);
    const reply = { ...q, id: "q2", parentId: "a1" };
    expect(() => continuationTarget([q, a, reply], "a1")).toThrow(AppError);
    expect(() => continuationTarget([q, a], "nope")).toThrow(AppError);
  });
});

describe("the continued message", () => {
  it("appends new text to the old text part and sums usage", () => {
    const old: Parts = [{ type: "reasoning", text: "hm", state: "done" }, { type: "text", text: "word1 word2", state: "done" }];
    const merged = mergeContinuation(old, [{ type: "step-start" }, { type: "text", text: " word3", state: "done" }]);
    expect(merged).toEqual([{ type: "reasoning", text: "hm", state: "done" }, { type: "text", text: "word1 word2 word3", state: "done" }]);
    expect(addUsage({ outputTokens: 5, inputCacheMissTokens: 10 }, { outputTokens: 3, inputCacheHitTokens: 64, inputCacheMissTokens: 2 })).toEqual({
      outputTokens: 8,
      inputCacheHitTokens: 64,
      inputCacheMissTokens: 12,
      reasoningTokens: null,
    });
  });
  it("replays the answer so far at the start of the stream", () => {
    const chunks = prefixChunks([{ type: "reasoning", text: "r" }, { type: "text", text: "so far" }], "a1", meta({ status: "streaming" }));
    expect(chunks.map((c) => c.type)).toEqual(["start", "reasoning-start", "reasoning-delta", "reasoning-end", "text-start", "text-delta", "text-end"]);
    expect(chunks[0]).toMatchObject({ messageId: "a1", messageMetadata: { status: "streaming" } });
    expect(chunks[5]).toMatchObject({ delta: "so far" });
  });
  it("derives the beta base URL", () => {
    expect(betaBaseUrl("https://api.deepseek.com")).toBe("https://api.deepseek.com/beta");
    expect(betaBaseUrl("https://api.deepseek.com/v1/")).toBe("https://api.deepseek.com/beta");
    expect(betaBaseUrl("http://127.0.0.1:4010/beta")).toBe("http://127.0.0.1:4010/beta");
  });
});

describe("prefix completion on the wire", () => {
  const question: UIMessage = { id: "q", role: "user", parts: [{ type: "text", text: "count [[long:8]]" }] };

  it("sends the answer so far as a prefix assistant message to /beta and continues it", async () => {
    emu.reset();
    const deepseek = createDeepSeek({ baseURL: betaBaseUrl(emu.url), apiKey: "sk-test" });
    const result = streamText({
      model: deepseek("deepseek-flash"),
      messages: [...(await convertToModelMessages([question])), prefixMessage([{ type: "text", text: "word1 word2 word3" }])],
      providerOptions: { deepseek: { thinking: { type: "disabled" } } },
    });
    expect(await result.text).toBe(" word4 word5 word6 word7 word8");
    const sent = emu.requests[0]!;
    expect(sent.path).toBe("/beta/chat/completions");
    expect(sent.body.messages.at(-1)).toMatchObject({ role: "assistant", content: "word1 word2 word3", prefix: true });
    expect(sent.body.thinking).toEqual({ type: "disabled" });
  });

  it("the emulator refuses prefix completion outside /beta", async () => {
    emu.reset();
    const res = await fetch(`${emu.url}/chat/completions`, {
      method: "POST",
      headers: { authorization: "Bearer sk-test", "content-type": "application/json" },
      body: JSON.stringify({ model: "deepseek-flash", messages: [{ role: "user", content: "hi" }, { role: "assistant", content: "x", prefix: true }] }),
    });
    expect(res.status).toBe(400);
  });

  it("attachments reach the model as file blocks before the question", async () => {
    emu.reset();
    const withFile: UIMessage = {
      id: "q",
      role: "user",
      parts: [{ type: "data-attachment", data: { name: "a.py", mediaType: "text/x-python", size: 9, text: "print(1)\n" } }, { type: "text", text: "explain" }],
    };
    const deepseek = createDeepSeek({ baseURL: emu.url, apiKey: "sk-test" });
    await streamText({ model: deepseek("deepseek-flash"), messages: await convertToModelMessages([withFile], { convertDataPart: attachmentToModelPart }) }).text;
    expect(emu.requests[0]!.body.messages[0]).toEqual({ role: "user", content: '<file name="a.py">\nprint(1)\n</file>\n\nexplain' });
  });
});
