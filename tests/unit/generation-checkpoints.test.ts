import { afterEach, describe, expect, it, vi } from "vitest";
import { ChunkBuffer } from "@/lib/chat/generations/buffer";
import { CheckpointTicker, HEARTBEAT_EVERY } from "@/lib/chat/generations/checkpoints";
import type { AssistantCheckpoint } from "@/lib/db/queries/messages";

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  let text = "";
  const decoder = new TextDecoder();
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) text += decoder.decode(next.value, { stream: true });
  return text;
}

describe("process-wide checkpoint timer", () => {
  afterEach(() => vi.useRealTimers());

  it("writes each changed answer once per tick, heartbeats idle ones every HEARTBEAT_EVERY ticks, in one batch", async () => {
    const batches: AssistantCheckpoint[][] = [];
    const ticker = new CheckpointTicker(async (b) => void batches.push(b));
    let versionA = 0;
    let versionB = 0;
    ticker.add("a", { version: () => versionA, parts: () => [{ type: "text", text: `a${versionA}` }] });
    ticker.add("b", { version: () => versionB, parts: () => [{ type: "text", text: `b${versionB}` }] });

    await ticker.tick(); // nothing new yet
    expect(batches).toEqual([]);
    versionA = 3; // several tokens in one second: one write
    versionB = 1;
    await ticker.tick();
    expect(batches).toEqual([
      [
        { assistantId: "a", parts: [{ type: "text", text: "a3" }] },
        { assistantId: "b", parts: [{ type: "text", text: "b1" }] },
      ],
    ]);
    batches.length = 0;
    versionB = 2;
    for (let i = 0; i < HEARTBEAT_EVERY - 1; i++) await ticker.tick();
    // b changed once (written), a stayed idle: no heartbeat before the 10th idle tick
    expect(batches).toEqual([[{ assistantId: "b", parts: [{ type: "text", text: "b2" }] }]]);
    await ticker.tick();
    expect(batches.at(-1)).toEqual([{ assistantId: "a" }]);
  });

  it("runs one timer for all answers, stops it when the last one ends, and never overlaps writes", async () => {
    vi.useFakeTimers();
    let release!: () => void;
    const writes: AssistantCheckpoint[][] = [];
    const ticker = new CheckpointTicker((b) => {
      writes.push(b);
      return new Promise<void>((r) => (release = r));
    }, 1000);
    let version = 0;
    ticker.add("a", { version: () => version, parts: () => version });
    ticker.add("b", { version: () => 0, parts: () => 0 });
    expect(vi.getTimerCount()).toBe(1);
    version = 1;
    await vi.advanceTimersByTimeAsync(1000);
    version = 2;
    await vi.advanceTimersByTimeAsync(3000); // the first write is still running: no new one starts
    expect(writes).toHaveLength(1);
    release();
    await vi.advanceTimersByTimeAsync(1000);
    expect(writes).toEqual([[{ assistantId: "a", parts: 1 }], [{ assistantId: "a", parts: 2 }]]);
    ticker.remove("a");
    expect(vi.getTimerCount()).toBe(1);
    ticker.remove("b");
    expect(vi.getTimerCount()).toBe(0);
    release();
  });
});

describe("answer chunk buffer", () => {
  it("compacts a finished answer into one string; readers before, during and after the end get every chunk once", async () => {
    const buffer = new ChunkBuffer();
    const early = readAll(buffer.stream());
    buffer.push("a1 ");
    buffer.push("a2 ");
    // A reader that has taken part of the answer when it ends (and is compacted).
    const midStream = buffer.stream();
    const reader = midStream.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    buffer.push("a3 ");
    buffer.push("a4");
    buffer.end();
    expect(buffer.chunks).toEqual(["a1 a2 a3 a4"]);
    let rest = "";
    for (let next = await reader.read(); !next.done; next = await reader.read()) rest += new TextDecoder().decode(next.value);
    expect(first + rest).toBe("a1 a2 a3 a4");
    expect(await early).toBe("a1 a2 a3 a4");
    expect(await readAll(buffer.stream())).toBe("a1 a2 a3 a4");
    expect(buffer.readers).toBe(0);
  });
});
