import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backoffDelay, createUpstreamFetch, retryAfterMs, type UpstreamEvent } from "@/lib/ai/upstream-fetch";
import { freePort } from "../support/app-server";
import { startEmulator, type Emulator } from "../support/deepseek-emulator/server";

// The real fetch against the wire-level emulator: real status codes, SSE keep-alives and drops.
let emu: Emulator;
let slowEmu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, keepAliveMs: 40 });
  slowEmu = await startEmulator({ port: 0, keepAliveMs: 2_000 });
});
afterAll(async () => {
  await emu.close();
  await slowEmu.close();
});

function setup(opts: { maxRetries?: number; idleTimeoutMs?: number } = {}) {
  const events: UpstreamEvent[] = [];
  const fetch = createUpstreamFetch({
    idleTimeoutMs: opts.idleTimeoutMs ?? 2_000,
    maxRetries: opts.maxRetries ?? 2,
    baseDelayMs: 20,
    maxDelayMs: 200,
    onEvent: (e) => events.push(e),
  });
  return { events, fetch };
}

function post(fetch: typeof globalThis.fetch, base: string, text: string, signal?: AbortSignal) {
  return fetch(`${base}/chat/completions`, {
    method: "POST",
    headers: { authorization: "Bearer sk-test", "content-type": "application/json" },
    body: JSON.stringify({ model: "deepseek-flash", stream: true, messages: [{ role: "user", content: text }] }),
    signal,
  });
}

describe("upstream fetch", () => {
  it("retries 429 before the body and then streams once", async () => {
    emu.reset();
    const { events, fetch } = setup();
    const res = await post(fetch, emu.url, "[[error:429x2]] hi");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("[DONE]");
    expect(emu.requests.map((r) => r.status)).toEqual([429, 429, 200]);
    expect(events.filter((e) => e.type === "retrying")).toMatchObject([
      { attempt: 1, maxRetries: 2, reason: "rate_limit", status: 429 },
      { attempt: 2, maxRetries: 2, reason: "rate_limit", status: 429 },
    ]);
    expect(events.at(-1)).toMatchObject({ type: "streaming" });
  });

  it("retries 503 and gives up after maxRetries, handing the last error to the SDK", async () => {
    emu.reset();
    const { events, fetch } = setup({ maxRetries: 2 });
    const res = await post(fetch, emu.url, "[[error:503x5]] hi");
    expect(res.status).toBe(503);
    expect(emu.requests).toHaveLength(3);
    expect(events.filter((e) => e.type === "retrying").map((e) => e.type === "retrying" && e.reason)).toEqual(["overloaded", "overloaded"]);
  });

  it.each([400, 401, 402, 422, 500])("never retries %i", async (status) => {
    emu.reset();
    const { events, fetch } = setup();
    const res = await post(fetch, emu.url, `[[error:${status}]] hi`);
    expect(res.status).toBe(status);
    expect(emu.requests).toHaveLength(1);
    expect(events).toEqual([]);
  });

  it("never retries once the body started, even when it breaks mid-stream", async () => {
    emu.reset();
    const { events, fetch } = setup();
    const res = await post(fetch, emu.url, "[[drop:3]] hi");
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
    expect(emu.requests).toHaveLength(1);
    expect(events.map((e) => e.type)).toEqual(["streaming"]);
  });

  it("waits through keep-alives longer than the idle timeout in total, and reports waiting", async () => {
    emu.reset();
    const { events, fetch } = setup({ idleTimeoutMs: 700 });
    const t0 = Date.now();
    const res = await post(fetch, emu.url, "[[keepalive:30]] hi"); // 30 × 40 ms = 1.2 s > 700 ms
    expect(await res.text()).toContain("[DONE]");
    expect(Date.now() - t0).toBeGreaterThan(1_100);
    expect(events[0]).toMatchObject({ type: "waiting", keepAlives: 1 });
    expect(events.at(-1)).toMatchObject({ type: "streaming" });
  });

  it("aborts when nothing at all arrives for the idle timeout", async () => {
    slowEmu.reset();
    const { fetch } = setup({ idleTimeoutMs: 250 });
    const res = await post(fetch, slowEmu.url, "[[keepalive:3]] hi"); // 2 s of silence between comments
    await expect(res.text()).rejects.toMatchObject({ code: "offline:deepseek", detail: { reason: "idle_timeout" } });
  });

  it("retries network errors before any response, then throws", async () => {
    const port = await freePort(); // nothing listens there
    const { events, fetch } = setup({ maxRetries: 2 });
    await expect(post(fetch, `http://127.0.0.1:${port}`, "hi")).rejects.toThrow(TypeError);
    expect(events.map((e) => e.type === "retrying" && e.reason)).toEqual(["network", "network"]);
  });

  it("stops waiting between retries as soon as the caller aborts", async () => {
    emu.reset();
    const fetch = createUpstreamFetch({ idleTimeoutMs: 2_000, maxRetries: 3, baseDelayMs: 5_000, maxDelayMs: 5_000 });
    const ctrl = new AbortController();
    const t0 = Date.now();
    setTimeout(() => ctrl.abort(), 100);
    await expect(post(fetch, emu.url, "[[error:429x3]] hi", ctrl.signal)).rejects.toMatchObject({ name: "AbortError" });
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(emu.requests).toHaveLength(1);
  });
});

describe("backoff", () => {
  it("doubles per attempt, is capped, and jitters within [50 %, 100 %]", () => {
    expect(backoffDelay(1, 1000, 30_000, () => 1)).toBe(1000);
    expect(backoffDelay(3, 1000, 30_000, () => 1)).toBe(4000);
    expect(backoffDelay(3, 1000, 30_000, () => 0)).toBe(2000);
    expect(backoffDelay(10, 1000, 30_000, () => 1)).toBe(30_000);
  });

  it("reads Retry-After as seconds or a date", () => {
    expect(retryAfterMs("2")).toBe(2000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs("soon")).toBeUndefined();
  });
});
