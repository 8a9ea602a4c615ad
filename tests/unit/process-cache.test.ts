import { describe, expect, it } from "vitest";
import { processCache } from "@/lib/ops/process-cache";

let seq = 0;
const uniqueName = () => `test-cache-${seq++}`;

function setup(ttlMs = 10_000) {
  let clock = 0;
  let stored = "v1";
  let reads = 0;
  const cache = processCache(uniqueName(), ttlMs, async () => (reads++, stored), () => clock);
  return {
    cache,
    advance: (ms: number) => (clock += ms),
    write: (v: string) => (stored = v),
    reads: () => reads,
  };
}

describe("processCache", () => {
  it("reads once within the TTL and again after it", async () => {
    const t = setup();
    expect(await t.cache.get()).toBe("v1");
    t.write("v2");
    t.advance(9_999);
    expect(await t.cache.get()).toBe("v1");
    expect(t.reads()).toBe(1);
    t.advance(1);
    expect(await t.cache.get()).toBe("v2");
    expect(t.reads()).toBe(2);
  });

  it("reads again at once after invalidate()", async () => {
    const t = setup();
    await t.cache.get();
    t.write("v2");
    t.cache.invalidate();
    expect(await t.cache.get()).toBe("v2");
  });

  it("shares one read between concurrent callers", async () => {
    const t = setup();
    const [a, b] = await Promise.all([t.cache.get(), t.cache.get()]);
    expect([a, b]).toEqual(["v1", "v1"]);
    expect(t.reads()).toBe(1);
  });

  it("does not keep a read that was under way when a write invalidated it", async () => {
    let release!: (v: string) => void;
    let reads = 0;
    const cache = processCache(uniqueName(), 10_000, () => (reads++ === 0 ? new Promise<string>((r) => (release = r)) : Promise.resolve("new")));
    const early = cache.get();
    cache.invalidate();
    release("old");
    expect(await early).toBe("old");
    expect(await cache.get()).toBe("new");
  });

  it("does not keep a failed read", async () => {
    let fail = true;
    const cache = processCache(uniqueName(), 10_000, async () => {
      if (fail) throw new Error("database down");
      return "ok";
    });
    await expect(cache.get()).rejects.toThrow("database down");
    fail = false;
    expect(await cache.get()).toBe("ok");
  });

  it("is one cache per name in the process, whichever module instance asks", async () => {
    const name = uniqueName();
    let reads = 0;
    const load = async () => ++reads;
    const a = processCache(name, 10_000, load);
    const b = processCache(name, 10_000, load);
    expect(await a.get()).toBe(1);
    expect(await b.get()).toBe(1);
    b.invalidate();
    expect(await a.get()).toBe(2);
  });
});
