import { hash } from "@node-rs/argon2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppServer } from "../support/app-server";
import { freshDatabase, type TestDatabase } from "../support/db";
import { startEmulator } from "../support/deepseek-emulator/server";
import { HttpClient, readUiStream } from "../support/http-client";

// DeepSeek misbehaving, injected with emulator directives; the app runs its production build with
// a 1 s idle timeout and 2 retries so the waits stay short.
type Part = Record<string, unknown>;
const PASSWORD = "integration-password";
let seq = 0;
const newId = (p: string) => `${p}${Date.now().toString(36)}${(seq++).toString(36)}`;
const body = (id: string, text: string) => ({
  id,
  message: { id: newId("m"), role: "user", parts: [{ type: "text", text }] },
  model: "deepseek-flash",
  thinking: false,
});
/** The UI stream's parts, and whether the app ended the response cleanly or cut it. */
async function readTolerant(res: Response): Promise<{ parts: Part[]; cut: boolean }> {
  let text = "";
  let cut = false;
  const decoder = new TextDecoder();
  const reader = res.body!.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    cut = true;
  }
  const parts = text
    .split("\n\n")
    .map((b) => b.trim())
    .filter((b) => b.startsWith("data: ") && b !== "data: [DONE]")
    .map((b) => JSON.parse(b.slice(6)) as Part);
  return { parts, cut };
}
const textOf = (parts: Part[]) => parts.filter((p) => p.type === "text-delta").map((p) => p.delta).join("");

describe("DeepSeek faults through the chat route", () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let database: TestDatabase;
  let app: AppServer;
  let client: HttpClient;
  // Chat requests only: an automatic title after a first answer is a separate, non-streamed call.
  const streamed = () => emulator.requests.filter((r) => (r.body as { stream?: boolean }).stream === true);

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tokenDelayMs: 2, keepAliveMs: 300 });
    database = await freshDatabase("sqlite");
    await database.db.user.create({ data: { email: "f@example.com", passwordHash: await hash(PASSWORD) } });
    app = await startApp({
      databaseUrl: database.url,
      deepseekBaseUrl: emulator.url,
      extraEnv: { DEEPSEEK_IDLE_TIMEOUT_SECONDS: "1", DEEPSEEK_MAX_RETRIES: "2" },
    });
    client = new HttpClient(app.url);
    expect(await client.signIn("f@example.com", PASSWORD)).toBe(true);
  });
  afterAll(async () => {
    await app?.stop();
    await emulator?.close();
    await database?.cleanup();
  });

  const stored = async (id: string) => {
    const res = await client.fetch(`/api/chats/${id}`);
    return ((await res.json()) as { messages: Array<{ parts: Part[]; metadata: Part }> }).messages;
  };

  it("waits through keep-alives for longer than the idle timeout (busy DeepSeek)", async () => {
    emulator.reset();
    const id = newId("c");
    const t0 = Date.now();
    const parts = await readUiStream(await client.json("/api/chat", body(id, "[[keepalive:6]] queued")));
    expect(Date.now() - t0).toBeGreaterThan(1_500); // 6 × 300 ms of keep-alives, idle timeout 1 s
    expect(textOf(parts)).toContain("queued");
    expect(parts.at(-1)).toMatchObject({ type: "finish", finishReason: "stop" });
    expect((await stored(id))[1].metadata).toMatchObject({ status: "complete" });
  });

  it("retries 429 then 503 before the first token and answers once", async () => {
    for (const status of [429, 503]) {
      emulator.reset();
      const id = newId("c");
      const parts = await readUiStream(await client.json("/api/chat", body(id, `[[error:${status}x2]] again`)));
      expect(streamed().map((r) => r.status)).toEqual([status, status, 200]);
      expect(parts.filter((p) => p.type === "error")).toEqual([]);
      expect(textOf(parts).match(/again/g)).toHaveLength(1);
      expect((await stored(id))[1].metadata).toMatchObject({ status: "complete" });
    }
  });

  it("gives up after the retry budget with a stable code", async () => {
    emulator.reset();
    const id = newId("c");
    const parts = await readUiStream(await client.json("/api/chat", body(id, "[[error:429x3]] busy")));
    expect(streamed()).toHaveLength(3);
    expect(parts.find((p) => p.type === "error")).toEqual({ type: "error", errorText: "rate_limit:deepseek" });
  });

  it.each([
    [402, "payment_required:deepseek"],
    [401, "unauthorized:deepseek"],
    [400, "bad_request:deepseek"],
    [422, "bad_request:deepseek"],
  ])("never retries %i", async (status, code) => {
    emulator.reset();
    const parts = await readUiStream(await client.json("/api/chat", body(newId("c"), `[[error:${status}]] no`)));
    expect(streamed()).toHaveLength(1);
    expect(parts.find((p) => p.type === "error")).toEqual({ type: "error", errorText: code });
  });

  // What the chat route stores after a mid-stream failure belongs to stream-reply.ts (durable
  // generations); here: the fetch layer never retries once tokens have flowed.
  it("does not retry when DeepSeek drops mid-stream", async () => {
    emulator.reset();
    const { parts } = await readTolerant(await client.json("/api/chat", body(newId("c"), "[[long:40]] [[drop:12]]")));
    expect(parts[0]).toMatchObject({ type: "start" });
    await new Promise((r) => setTimeout(r, 2_500)); // longer than any backoff
    expect(streamed()).toHaveLength(1);
  });

  it("gives up when DeepSeek goes silent beyond the idle timeout", async () => {
    const silent = await startEmulator({ port: 0, keepAliveMs: 10_000 });
    const other = await startApp({
      databaseUrl: database.url,
      deepseekBaseUrl: silent.url,
      extraEnv: { DEEPSEEK_IDLE_TIMEOUT_SECONDS: "1", DEEPSEEK_MAX_RETRIES: "0" },
    });
    try {
      const c = new HttpClient(other.url);
      await c.signIn("f@example.com", PASSWORD);
      const t0 = Date.now();
      await readTolerant(await c.json("/api/chat", body(newId("c"), "[[keepalive:2]] hello")));
      const waited = Date.now() - t0;
      // The 1 s idle timer fired during the first 10 s gap (slack for a cold route on a busy
      // machine), and the request was not retried.
      expect(waited).toBeGreaterThan(900);
      expect(waited).toBeLessThan(7_000);
      expect(silent.requests).toHaveLength(1);
    } finally {
      await other.stop();
      await silent.close();
    }
  });
});
