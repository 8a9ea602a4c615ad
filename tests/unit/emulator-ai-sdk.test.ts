// Compatibility: the real @ai-sdk/deepseek provider against the emulator.
import { createDeepSeek } from "@ai-sdk/deepseek";
import { APICallError, generateText, streamText } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../support/deepseek-emulator/server.ts";
import type { Emulator } from "../support/deepseek-emulator/server.ts";

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, tokenDelayMs: 1, keepAliveMs: 5 });
});
afterAll(async () => {
  await emu.close();
});

const provider = (apiKey = "sk-aisdk") => createDeepSeek({ baseURL: emu.url, apiKey });

describe("@ai-sdk/deepseek against the emulator", () => {
  it("streamText streams reasoning then text with correct usage", async () => {
    emu.reset();
    const result = streamText({ model: provider()("deepseek-v4-flash"), prompt: "Hello from the SDK" });
    const types: string[] = [];
    let reasoning = "";
    let text = "";
    for await (const part of result.stream) {
      types.push(part.type);
      if (part.type === "reasoning-delta") reasoning += part.text;
      if (part.type === "text-delta") text += part.text;
    }
    expect(reasoning).toBe('The user said: "Hello from the SDK". I will answer briefly.');
    expect(text).toBe("**Echo:** You said: Hello from the SDK");
    expect(await result.text).toBe(text);
    expect((await result.finalStep).reasoningText).toBe(reasoning);
    expect(types.indexOf("reasoning-start")).toBeLessThan(types.indexOf("text-start"));
    expect(types.lastIndexOf("reasoning-delta")).toBeLessThan(types.indexOf("text-delta"));
    expect(await result.finishReason).toBe("stop");

    // "user\nHello from the SDK" = 23 chars → 6 prompt tokens; reasoning 11 pieces, answer 7 pieces
    const usage = await result.usage;
    expect(usage.inputTokens).toBe(6);
    expect(usage.inputTokenDetails).toMatchObject({ cacheReadTokens: 0, noCacheTokens: 6 });
    expect(usage.outputTokens).toBe(18);
    expect(usage.outputTokenDetails).toMatchObject({ reasoningTokens: 11, textTokens: 7 });
    expect(usage.totalTokens).toBe(24);
    expect((await result.finalStep).providerMetadata?.deepseek).toMatchObject({
      promptCacheHitTokens: 0,
      promptCacheMissTokens: 6,
    });

    const [request] = emu.requests;
    expect(request!.path).toBe("/chat/completions");
    expect(request!.headers.authorization).toBe("Bearer sk-aisdk");
    expect(request!.body).toMatchObject({
      model: "deepseek-v4-flash",
      messages: [{ role: "user", content: "Hello from the SDK" }],
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it("generateText reports cache reads on a repeated long system prompt", async () => {
    const system = "You are a helpful assistant. ".repeat(40).slice(0, 993); // 250 prompt tokens
    const model = provider("sk-aisdk-cache")("deepseek-v4-flash");
    const first = await generateText({ model, system, prompt: "Hi" });
    expect(first.text).toBe("**Echo:** You said: Hi");
    expect(first.usage.inputTokens).toBe(252);
    expect(first.usage.inputTokenDetails.cacheReadTokens).toBe(0);

    const second = await generateText({ model, system, prompt: "Yo" });
    expect(second.usage.inputTokens).toBe(252);
    expect(second.usage.inputTokenDetails).toMatchObject({ cacheReadTokens: 192, noCacheTokens: 60 });
    expect(second.usage.outputTokenDetails.reasoningTokens).toBe(8);
    expect(second.providerMetadata?.deepseek).toMatchObject({ promptCacheHitTokens: 192, promptCacheMissTokens: 60 });

    // multi-turn: the SDK re-sends the first answer (with reasoning_content); the prefix up to it is cached
    const third = streamText({
      model,
      system,
      messages: [
        { role: "user", content: "Hi" },
        { role: "assistant", content: [{ type: "reasoning", text: first.reasoningText ?? "" }, { type: "text", text: first.text }] },
        { role: "user", content: "More" },
      ],
    });
    const usage = await third.usage;
    expect(usage.inputTokens).toBe(263);
    expect(usage.inputTokenDetails.cacheReadTokens).toBe(256);
    expect(await third.text).toBe("**Echo:** You said: More");
  });

  it("thinking disabled via providerOptions yields text only", async () => {
    emu.reset();
    const result = await generateText({
      model: provider()("deepseek-v4-pro"),
      prompt: "Hello",
      providerOptions: { deepseek: { thinking: { type: "disabled" } } },
    });
    expect(result.reasoningText).toBeUndefined();
    expect(result.text).toBe("**Echo:** You said: Hello");
    expect(result.usage.outputTokenDetails.reasoningTokens).toBe(0);
    expect(emu.requests[0]!.body.thinking).toEqual({ type: "disabled" });
  });

  it("ignores keep-alive comments and honours max_tokens", async () => {
    const result = streamText({
      model: provider()("deepseek-v4-flash"),
      prompt: "Hello [[keepalive:2]]",
      maxOutputTokens: 10,
    });
    expect(await result.text).toBe("**Echo:** You");
    expect(await result.finishReason).toBe("length");
    expect((await result.usage).outputTokens).toBe(10);
  });

  it("surfaces scripted errors as APICallError", async () => {
    const call = generateText({ model: provider()("deepseek-v4-flash"), prompt: "[[error:402]]", maxRetries: 0 });
    await expect(call).rejects.toSatisfy((e: unknown) => {
      return APICallError.isInstance(e) && e.statusCode === 402 && e.message === "Insufficient Balance" && !e.isRetryable;
    });
    const limited = generateText({ model: provider()("deepseek-v4-flash"), prompt: "[[error:429]]", maxRetries: 0 });
    await expect(limited).rejects.toSatisfy((e: unknown) => APICallError.isInstance(e) && e.statusCode === 429 && e.isRetryable);
  });

  it("a mid-stream drop surfaces as a stream error", async () => {
    const result = streamText({
      model: provider()("deepseek-v4-flash"),
      prompt: "Hello [[drop:3]]",
      maxRetries: 0,
    });
    let reasoning = "";
    let thrown: unknown;
    try {
      for await (const part of result.stream) if (part.type === "reasoning-delta") reasoning += part.text;
    } catch (e) {
      thrown = e;
    }
    expect(reasoning).toBe("The user said:");
    // a network error stops the stream, so the iterator throws
    const failure = thrown;
    expect(APICallError.isInstance(failure)).toBe(true);
    expect((failure as APICallError).message).toBe("Failed to process successful response");
    expect(String(((failure as APICallError).cause as Error).message)).toBe("terminated");
  });
});
