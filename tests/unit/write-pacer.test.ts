import { afterEach, describe, expect, it, vi } from "vitest";
import { ChunkBuffer } from "@/lib/chat/generations/buffer";
import { BATCH_WINDOW_MS, WritePacer, eventLoopBusy } from "@/lib/chat/generations/pacer";

/** Every read of a stream as text, as the chunks arrive (one entry per enqueued chunk). */
function collect(stream: ReadableStream<Uint8Array>) {
  const reads: string[] = [];
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const done = (async () => {
    for (let next = await reader.read(); !next.done; next = await reader.read()) reads.push(decoder.decode(next.value));
  })();
  return { reads, done };
}

/** Lets the stream's pull promises and reads settle. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("write pacer", () => {
  afterEach(() => vi.useRealTimers());

  it("sends at once while the server is idle", async () => {
    const pacer = new WritePacer(() => false);
    const buffer = new ChunkBuffer(pacer);
    const out = collect(buffer.stream());
    buffer.push("start ");
    await settle();
    buffer.push("t1 ", true);
    await settle();
    buffer.push("t2 ", true);
    await settle();
    buffer.end();
    await out.done;
    expect(out.reads).toEqual(["start ", "t1 ", "t2 "]);
  });

  it("while busy, holds tokens for one window and sends every held answer in one write each", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    const pacer = new WritePacer(() => true);
    const a = new ChunkBuffer(pacer);
    const b = new ChunkBuffer(pacer);
    const outA = collect(a.stream());
    const outB = collect(b.stream());
    a.push("a-start ");
    b.push("b-start ");
    await settle();
    // Chunks that are not batched go at once, whatever the load.
    expect(outA.reads).toEqual(["a-start "]);
    expect(outB.reads).toEqual(["b-start "]);

    a.push("a1 ", true);
    a.push("a2 ", true);
    b.push("b1 ", true);
    await settle();
    expect(outA.reads).toEqual(["a-start "]);
    expect(outB.reads).toEqual(["b-start "]);

    vi.advanceTimersByTime(BATCH_WINDOW_MS - 1);
    await settle();
    expect(outA.reads).toEqual(["a-start "]);

    vi.advanceTimersByTime(1);
    await settle();
    expect(outA.reads).toEqual(["a-start ", "a1 a2 "]);
    expect(outB.reads).toEqual(["b-start ", "b1 "]);

    a.end();
    b.end();
    await Promise.all([outA.done, outB.done]);
  });

  it("sends held tokens, in order, with the next chunk that is not held, and at the end", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    const pacer = new WritePacer(() => true);
    const buffer = new ChunkBuffer(pacer);
    const out = collect(buffer.stream());
    buffer.push("t1 ", true);
    buffer.push("t2 ", true);
    buffer.push("text-end ");
    await settle();
    expect(out.reads).toEqual(["t1 t2 text-end "]);

    buffer.push("t3 ", true);
    buffer.end();
    await out.done;
    expect(out.reads.join("")).toBe("t1 t2 text-end t3 ");
    // Nothing is left held for a buffer that ended: the window's end sends nothing more.
    vi.advanceTimersByTime(BATCH_WINDOW_MS);
    expect(out.reads.join("")).toBe("t1 t2 text-end t3 ");
  });

  it("holds a token only while the load says so, asking it once per token that is not already held", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    let busy = true;
    const asked = vi.fn(() => busy);
    const pacer = new WritePacer(asked);
    const send = vi.fn();
    expect(pacer.hold(send)).toBe(true);
    busy = false;
    // Already held: it joins the window's write even though the load dropped meanwhile.
    expect(pacer.hold(send)).toBe(true);
    expect(asked).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(BATCH_WINDOW_MS);
    expect(send).toHaveBeenCalledTimes(1);
    expect(pacer.hold(send)).toBe(false);
  });
});

describe("event-loop load gauge", () => {
  const block = (ms: number) => {
    const until = performance.now() + ms;
    while (performance.now() < until);
  };
  const idle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it("turns busy when the loop is blocked, and idle again only once it falls below the lower mark", async () => {
    const busy = eventLoopBusy({ busyAbove: 0.5, idleBelow: 0.3, everyMs: 100 });
    await idle(120);
    expect(busy()).toBe(false);
    block(150);
    expect(busy()).toBe(true);
    // Half busy: between the marks, so it stays busy.
    await idle(60);
    block(60);
    expect(busy()).toBe(true);
    await idle(200);
    expect(busy()).toBe(false);
    // Read at most once per `everyMs`: a block right after a reading does not change the answer yet.
    block(50);
    expect(busy()).toBe(false);
  });
});
