// The checkpoint accumulator must build the same parts the AI SDK builds from the same chunks.
import { createDeepSeek } from "@ai-sdk/deepseek";
import { readUIMessageStream, streamText, type UIMessage, type UIMessageChunk } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PartsAccumulator } from "../../lib/chat/parts-accumulator.ts";
import { startEmulator, type Emulator } from "../support/deepseek-emulator/server.ts";

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, tokenDelayMs: 0 });
});
afterAll(async () => {
  await emu.close();
});

async function chunksFor(prompt: string): Promise<UIMessageChunk[]> {
  const model = createDeepSeek({ baseURL: emu.url, apiKey: "sk-acc" })("deepseek-v4-flash");
  const result = streamText({ model, prompt });
  const chunks: UIMessageChunk[] = [];
  for await (const chunk of result.toUIMessageStream({ sendReasoning: true })) chunks.push(chunk);
  return chunks;
}

async function sdkParts(chunks: UIMessageChunk[]): Promise<UIMessage["parts"]> {
  let last: UIMessage | undefined;
  const stream = new ReadableStream<UIMessageChunk>({
    start(c) {
      for (const chunk of chunks) c.enqueue(chunk);
      c.close();
    },
  });
  for await (const message of readUIMessageStream({ stream })) last = message;
  return last?.parts ?? [];
}

describe("PartsAccumulator", () => {
  it("builds the same parts as readUIMessageStream for a thinking answer", async () => {
    const chunks = await chunksFor("Hello [[markdown:1]] 你好");
    expect(chunks.some((c) => c.type === "reasoning-delta")).toBe(true);
    const acc = new PartsAccumulator();
    for (const chunk of chunks) acc.push(chunk);
    const expected = await sdkParts(chunks);
    expect(JSON.parse(JSON.stringify(acc.parts))).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(acc.parts.map((p) => p.type)).toEqual(["step-start", "reasoning", "text"]);
  });

  it("matches the SDK's partial state mid-stream (what a checkpoint saves)", async () => {
    const chunks = await chunksFor("[[long:40]] partial");
    const cut = chunks.slice(0, Math.floor(chunks.length * 0.7));
    const acc = new PartsAccumulator();
    for (const chunk of cut) acc.push(chunk);
    expect(JSON.parse(JSON.stringify(acc.parts))).toEqual(JSON.parse(JSON.stringify(await sdkParts(cut))));
    expect(acc.parts.some((p) => p.type === "text" && (p as { state: string }).state === "streaming")).toBe(true);
  });

  it("counts changes and snapshots are detached from later deltas", () => {
    const acc = new PartsAccumulator();
    acc.push({ type: "start" });
    expect(acc.version).toBe(0);
    acc.push({ type: "text-start", id: "t" });
    acc.push({ type: "text-delta", id: "t", delta: "Hel" });
    const snap = acc.snapshot();
    acc.push({ type: "text-delta", id: "t", delta: "lo" });
    expect(acc.version).toBe(3);
    expect(snap).toEqual([{ type: "text", text: "Hel", state: "streaming", providerMetadata: undefined }]);
    expect(acc.parts[0]).toMatchObject({ text: "Hello" });
    acc.push({ type: "text-delta", id: "missing", delta: "x" });
    expect(acc.version).toBe(3);
  });
});
