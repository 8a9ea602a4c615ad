// lib/ai/answer-stream.ts against the emulator with the real @ai-sdk/deepseek provider: the chunks a
// chat answer is relayed as are the ones the AI SDK's streamText + toUIMessageStream send for the same
// request, and a stop, a dropped connection and an in-stream error end the way the chat route expects.
import { createDeepSeek } from "@ai-sdk/deepseek";
import { streamText, type ModelMessage, type UIMessageChunk } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openAnswer, relayAnswer, toProviderPrompt, type AnswerEnd, type CallOptions } from "@/lib/ai/answer-stream";
import { startEmulator, type Emulator } from "../support/deepseek-emulator/server.ts";

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, tokenDelayMs: 1, keepAliveMs: 5 });
});
afterAll(async () => {
  await emu.close();
});

const model = () => createDeepSeek({ baseURL: emu.url, apiKey: "sk-relay" })("deepseek-v4-flash");
const thinking = (on: boolean) => ({ deepseek: { thinking: { type: on ? "enabled" : "disabled" } } }) as const;

async function relay(messages: ModelMessage[], opts: { on?: boolean; abortAfter?: number; system?: string } = {}) {
  const chunks: UIMessageChunk[] = [];
  const controller = new AbortController();
  const call: CallOptions = { prompt: toProviderPrompt(opts.system, messages), providerOptions: thinking(opts.on ?? true), abortSignal: controller.signal };
  let deltas = 0;
  const end: AnswerEnd = await relayAnswer({
    answer: openAnswer(model(), call),
    messageId: "m1",
    startMetadata: { s: 1 },
    finishMetadata: ({ finishReason }) => ({ f: finishReason }),
    errorText: () => "oops",
    send: (chunk) => {
      chunks.push(chunk);
      if (chunk.type === "text-delta" && ++deltas === opts.abortAfter) controller.abort();
    },
  });
  return { chunks, end };
}

describe("relayAnswer", () => {
  it("sends the chunks streamText + toUIMessageStream send for the same answer", async () => {
    const messages: ModelMessage[] = [{ role: "user", content: "Compare me" }];
    const sdk: UIMessageChunk[] = [];
    const result = streamText({ model: model(), messages, providerOptions: thinking(true), maxRetries: 0 });
    for await (const chunk of result.toUIMessageStream({
      generateMessageId: () => "m1",
      messageMetadata: ({ part }) => (part.type === "start" ? { s: 1 } : part.type === "finish" ? { f: part.finishReason } : undefined),
    })) {
      sdk.push(chunk);
    }
    const { chunks, end } = await relay(messages);
    expect(chunks).toEqual(sdk);
    expect(chunks.map((c) => c.type)).toContain("reasoning-delta");
    expect(end).toMatchObject({ outcome: "finished", finishReason: "stop" });
    if (end.outcome === "finished") expect(end.usage?.inputTokens.total).toBeGreaterThan(0);
  });

  it("ends with an abort chunk, no finish, when stopped mid-answer", async () => {
    const { chunks, end } = await relay([{ role: "user", content: "[[long:500]] [[slow:5]] stop me" }], { on: false, abortAfter: 3 });
    expect(end.outcome).toBe("aborted");
    expect(chunks.at(-1)).toEqual({ type: "abort" });
    expect(chunks.some((c) => c.type === "finish")).toBe(false);
  });

  it("reports a connection dropped mid-answer as failed, after the tokens that arrived", async () => {
    const { chunks, end } = await relay([{ role: "user", content: "[[long:50]] [[drop:5]] drop me" }], { on: false });
    expect(end.outcome).toBe("failed");
    expect(chunks.filter((c) => c.type === "text-delta").length).toBeGreaterThan(0);
    expect(chunks.some((c) => c.type === "finish")).toBe(false);
  });

  it("reports DeepSeek refusing the request (402) as failed before any token", async () => {
    const { chunks, end } = await relay([{ role: "user", content: "[[error:402]] pay me" }]);
    expect(end.outcome).toBe("failed");
    expect(chunks.map((c) => c.type)).toEqual(["start", "start-step"]);
  });
});

describe("toProviderPrompt", () => {
  it("puts the system prompt first and keeps text and reasoning parts with their provider options", () => {
    const prompt = toProviderPrompt("Be brief.", [
      { role: "user", content: "Hi" },
      {
        role: "assistant",
        content: [
          { type: "reasoning", text: "think" },
          { type: "text", text: "" },
          { type: "text", text: "Hello" },
        ],
        providerOptions: { deepseek: { prefix: true } },
      },
      { role: "user", content: [{ type: "text", text: "" }, { type: "text", text: "More" }] },
    ]);
    expect(prompt).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: [{ type: "text", text: "Hi", providerOptions: undefined }], providerOptions: undefined },
      {
        role: "assistant",
        content: [
          { type: "reasoning", text: "think", providerOptions: undefined },
          { type: "text", text: "Hello", providerOptions: undefined },
        ],
        providerOptions: { deepseek: { prefix: true } },
      },
      { role: "user", content: [{ type: "text", text: "More", providerOptions: undefined }], providerOptions: undefined },
    ]);
  });

  it("refuses content a chat answer cannot carry instead of dropping it", () => {
    expect(() => toProviderPrompt(undefined, [{ role: "user", content: [{ type: "image", image: new Uint8Array([1]) }] }])).toThrow(/Unsupported user content part: image/);
    expect(() => toProviderPrompt(undefined, [{ role: "tool", content: [] }])).toThrow(/Unsupported message role: tool/);
  });
});
