import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_FINGERPRINT } from "../support/deepseek-emulator/chunks.ts";
import { parseSse, postChat, readAll } from "../support/deepseek-emulator/client.ts";
import { startEmulator } from "../support/deepseek-emulator/server.ts";
import type { Emulator } from "../support/deepseek-emulator/server.ts";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const fixtures = path.resolve(repoRoot, "tests/fixtures/deepseek-recorded");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function recording(name: string): any[] {
  return readFileSync(path.join(fixtures, name), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l));
}

/** Structural fingerprint that keeps key order: objects → [key, shape][], arrays → element shapes. */
function shape(v: unknown): unknown {
  if (v === null) return "null";
  if (Array.isArray(v)) return { array: v.map(shape) };
  if (typeof v === "object") return Object.entries(v as object).map(([k, x]) => [k, shape(x)]);
  return typeof v;
}

const REASONING = 'The user said: "Hello". I will answer briefly.';
const ANSWER = "**Echo:** You said: Hello";

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, keepAliveMs: 5 });
});
afterAll(async () => {
  await emu.close();
});

async function stream(body: Record<string, unknown>, key = "sk-test") {
  const res = await postChat(emu.url, { stream: true, ...body }, { key });
  return { res, sse: parseSse(await res.text()) };
}

describe("streaming shapes match the recordings", () => {
  it("thinking stream (deepseek-reasoning.chunks.txt)", async () => {
    const rec = recording("deepseek-reasoning.chunks.txt");
    const recContent = rec.find((c) => typeof c.choices[0].delta.content === "string" && c.choices[0].finish_reason === null);
    const { res, sse } = await stream({
      model: "deepseek-v4-flash",
      messages: [{ role: "user", content: "Hello" }],
      stream_options: { include_usage: true },
    });
    expect(res.status).toBe(200);
    expect(sse.done).toBe(true);
    expect(sse.data.at(-1)).toBe("[DONE]");
    const c = sse.chunks;
    expect(c).toHaveLength(1 + 8 + 4 + 1);
    const emuContent = c[9];
    // key sets, key order and value types of first / reasoning / content / final chunk
    expect(shape(c[0])).toEqual(shape(rec[0]));
    expect(shape(c[1])).toEqual(shape(rec[1]));
    expect(shape(emuContent)).toEqual(shape(recContent));
    expect(shape(c.at(-1))).toEqual(shape(rec.at(-1)));
    // exact deltas
    expect(c[0].choices[0].delta).toEqual(rec[0].choices[0].delta);
    expect(c[0].choices[0].delta).toEqual({ role: "assistant", content: null, reasoning_content: "" });
    expect(c[1].choices[0].delta).toEqual({ content: null, reasoning_content: "The" });
    expect(c[2].choices[0].delta).toEqual({ content: null, reasoning_content: " user" });
    expect(emuContent.choices[0].delta).toEqual({ content: "**Echo:**", reasoning_content: null });
    expect(c.at(-1).choices[0]).toEqual({ index: 0, delta: { content: "", reasoning_content: null }, logprobs: null, finish_reason: "stop" });
    expect(rec.at(-1).choices[0].delta).toEqual({ content: "", reasoning_content: null });
    // reassembled text
    expect(c.map((x) => x.choices[0].delta.reasoning_content ?? "").join("")).toBe(REASONING);
    expect(c.map((x) => x.choices[0].delta.content ?? "").join("")).toBe(ANSWER);
    // envelope
    for (const x of c) {
      expect(x.id).toBe(c[0].id);
      expect(x.created).toBe(c[0].created);
      expect(x.model).toBe("deepseek-v4-flash");
      expect(x.system_fingerprint).toBe(SYSTEM_FINGERPRINT);
      expect(x.object).toBe("chat.completion.chunk");
    }
    expect(c[0].id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(c.slice(0, -1).every((x) => x.usage === null && x.choices[0].finish_reason === null)).toBe(true);
    expect(c.at(-1).usage).toEqual({
      prompt_tokens: 3,
      completion_tokens: 12,
      total_tokens: 15,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 8 },
      prompt_cache_hit_tokens: 0,
      prompt_cache_miss_tokens: 3,
    });
  });

  it("non-thinking stream (deepseek-text.chunks.txt), truncated by max_tokens", async () => {
    const rec = recording("deepseek-text.chunks.txt");
    const { sse } = await stream({
      model: "deepseek-chat",
      messages: [{ role: "user", content: "Hello" }],
      max_tokens: 3,
      stream_options: { include_usage: true },
    });
    const c = sse.chunks;
    expect(c).toHaveLength(1 + 3 + 1);
    expect(shape(c[0])).toEqual(shape(rec[0]));
    expect(shape(c[1])).toEqual(shape(rec[1]));
    expect(shape(c[2])).toEqual(shape(rec[2]));
    expect(shape(c.at(-1))).toEqual(shape(rec.at(-1)));
    expect(c[0].choices[0].delta).toEqual({ role: "assistant", content: "" });
    expect(rec[0].choices[0].delta).toEqual({ role: "assistant", content: "" });
    expect(c.slice(1, 4).map((x) => x.choices[0].delta)).toEqual([
      { content: "**Echo:**" },
      { content: " You" },
      { content: " said:" },
    ]);
    expect(c.at(-1).choices[0]).toEqual({ index: 0, delta: { content: "" }, logprobs: null, finish_reason: "length" });
    expect(rec.at(-1).choices[0].finish_reason).toBe("length");
    expect(c.at(-1).usage).toEqual({
      prompt_tokens: 3,
      completion_tokens: 3,
      total_tokens: 6,
      prompt_tokens_details: { cached_tokens: 0 },
      prompt_cache_hit_tokens: 0,
      prompt_cache_miss_tokens: 3,
    });
    expect(c.every((x) => x.model === "deepseek-chat")).toBe(true);
  });

  it("thinking disabled on a V4 id streams like the non-thinking recording", async () => {
    const rec = recording("deepseek-text.chunks.txt");
    const { sse } = await stream({
      model: "deepseek-v4-pro",
      thinking: { type: "disabled" },
      messages: [{ role: "user", content: "Hello" }],
      stream_options: { include_usage: true },
    });
    const c = sse.chunks;
    expect(c).toHaveLength(1 + 4 + 1);
    expect(shape(c[1])).toEqual(shape(rec[1]));
    expect(c.map((x) => x.choices[0].delta.content).join("")).toBe(ANSWER);
    expect(c.at(-1).choices[0].finish_reason).toBe("stop");
    expect(c.at(-1).usage.completion_tokens).toBe(4);
    expect("completion_tokens_details" in c.at(-1).usage).toBe(false);
  });

  it("sends the SSE headers", async () => {
    const { res } = await stream({ model: "deepseek-flash", messages: [{ role: "user", content: "Hi" }] });
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-cache");
    expect(res.headers.get("x-ds-trace-id")).toMatch(/^[0-9a-f]{32}$/);
  });

  it("omits the usage key until the final chunk without include_usage", async () => {
    const { sse } = await stream({ model: "deepseek-flash", messages: [{ role: "user", content: "Hi" }] });
    const c = sse.chunks;
    expect(c).toHaveLength(1 + 8 + 4 + 1);
    expect(c.slice(0, -1).every((x) => !("usage" in x))).toBe(true);
    expect(Object.keys(c.at(-1))).toEqual(["id", "object", "created", "model", "system_fingerprint", "choices", "usage"]);
    expect(c.at(-1).usage.completion_tokens).toBe(12);
  });

  it("splits CJK text per character", async () => {
    const { sse } = await stream({
      model: "deepseek-v4-flash",
      thinking: { type: "disabled" },
      messages: [{ role: "user", content: "你好，世界" }],
    });
    const pieces = sse.chunks.slice(1, -1).map((x) => x.choices[0].delta.content);
    expect(pieces).toEqual(["**Echo:**", " You", " said:", " 你", "好", "，", "世", "界"]);
  });
});

describe("stream directives", () => {
  it("[[keepalive:N]] sends N keep-alive comments before the first data chunk", async () => {
    const res = await postChat(emu.url, {
      model: "deepseek-v4-flash",
      stream: true,
      messages: [{ role: "user", content: "Hello [[keepalive:3]]" }],
    });
    const text = await res.text();
    expect(text.startsWith(": keep-alive\n\n: keep-alive\n\n: keep-alive\n\ndata: {")).toBe(true);
    const sse = parseSse(text);
    expect(sse.comments).toEqual(["keep-alive", "keep-alive", "keep-alive"]);
    expect(sse.order.slice(0, 4)).toEqual(["comment", "comment", "comment", "data"]);
    expect(sse.order.slice(3).every((o) => o === "data")).toBe(true);
    expect(sse.chunks.map((x) => x.choices[0].delta.content ?? "").join("")).toBe(ANSWER);
    expect(sse.done).toBe(true);
  });

  it("[[keepalive:N]] on a non-streamed request sends N blank lines, then the JSON body", async () => {
    const res = await postChat(emu.url, {
      model: "deepseek-v4-flash",
      messages: [{ role: "user", content: "Hello [[keepalive:2]]" }],
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.startsWith("\n\n{")).toBe(true);
    expect(JSON.parse(text).choices[0].message.content).toBe(ANSWER);
  });

  it("[[drop:N]] closes the connection after N reasoning/content chunks", async () => {
    const res = await postChat(emu.url, {
      model: "deepseek-v4-flash",
      stream: true,
      messages: [{ role: "user", content: "Hello [[drop:2]]" }],
    });
    expect(res.status).toBe(200);
    const { text, error } = await readAll(res);
    expect(error).toBeInstanceOf(Error);
    const sse = parseSse(text);
    expect(sse.done).toBe(false);
    expect(sse.chunks.map((x) => x.choices[0].delta)).toEqual([
      { role: "assistant", content: null, reasoning_content: "" },
      { content: null, reasoning_content: "The" },
      { content: null, reasoning_content: " user" },
    ]);
    // the emulator keeps serving
    const next = await postChat(emu.url, { model: "deepseek-v4-flash", messages: [{ role: "user", content: "Hello" }] });
    expect(next.status).toBe(200);
  });

  it("[[drop:N]] beyond the reply drops before the final chunk", async () => {
    const res = await postChat(emu.url, {
      model: "deepseek-chat",
      stream: true,
      messages: [{ role: "user", content: "Hello [[drop:99]]" }],
    });
    const { text, error } = await readAll(res);
    expect(error).toBeInstanceOf(Error);
    const sse = parseSse(text);
    expect(sse.done).toBe(false);
    expect(sse.chunks).toHaveLength(1 + 4);
    expect(sse.chunks.every((x) => x.choices[0].finish_reason === null)).toBe(true);
  });

  it("[[long:N]], [[reason:N]] and [[slow:MS]] shape and pace the reply", async () => {
    const started = Date.now();
    const { sse } = await stream({
      model: "deepseek-v4-flash",
      messages: [{ role: "user", content: "[[slow:15]] go [[long:6]] [[reason:4]]" }],
      stream_options: { include_usage: true },
    });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(10 * 15 - 10);
    const c = sse.chunks;
    expect(c.map((x) => x.choices[0].delta.reasoning_content ?? "").join("")).toBe("thought1 thought2 thought3 thought4");
    expect(c.map((x) => x.choices[0].delta.content ?? "").join("")).toBe("word1 word2 word3 word4 word5 word6");
    expect(c.at(-1).usage.completion_tokens).toBe(10);
    expect(c.at(-1).usage.completion_tokens_details).toEqual({ reasoning_tokens: 4 });
  });
});

describe("disconnects", () => {
  const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;

  it("stops writing and leaves no timers behind when the client aborts mid-stream", async () => {
    const baseline = timers();
    const controller = new AbortController();
    const res = await postChat(
      emu.url,
      { model: "deepseek-v4-flash", stream: true, messages: [{ role: "user", content: "[[slow:20]] [[long:500]]" }] },
      { signal: controller.signal },
    );
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('"role":"assistant"');
    controller.abort();
    await new Promise((r) => setTimeout(r, 60));
    expect(timers()).toBeLessThanOrEqual(baseline);
    const next = await postChat(emu.url, { model: "deepseek-v4-flash", messages: [{ role: "user", content: "Hello" }] });
    expect(next.status).toBe(200);
  });

  it("close() ends in-flight streams promptly", async () => {
    const other = await startEmulator({ tokenDelayMs: 50 });
    const res = await postChat(other.url, {
      model: "deepseek-v4-flash",
      stream: true,
      messages: [{ role: "user", content: "[[long:1000]]" }],
    });
    const reader = res.body!.getReader();
    await reader.read();
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(500);
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) return "ended";
      })(),
    ).rejects.toThrow();
  });
});
