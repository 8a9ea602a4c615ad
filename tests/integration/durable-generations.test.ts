import { hash } from "@node-rs/argon2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppServer } from "../support/app-server";
import {
  chatBody,
  getMessages,
  newId,
  readSomeThenDisconnect,
  storedText,
  waitForMessage,
} from "../support/chat-helpers";
import { freshDatabase, type TestDatabase } from "../support/db";
import { startEmulator } from "../support/deepseek-emulator/server";
import { HttpClient, readUiStream } from "../support/http-client";

const PASSWORD = "durable-password";
const fullText = (n: number) => Array.from({ length: n }, (_, i) => `word${i + 1}`).join(" ");
const textDeltas = (parts: Array<Record<string, unknown>>) =>
  parts.filter((p) => p.type === "text-delta").map((p) => p.delta as string).join("");

async function signedIn(app: AppServer, email: string) {
  const client = new HttpClient(app.url);
  expect(await client.signIn(email, PASSWORD)).toBe(true);
  return client;
}

describe("server-owned answers on one instance (SQLite)", () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let database: TestDatabase;
  let app: AppServer;
  let alice: HttpClient;
  const start = () =>
    startApp({
      databaseUrl: database.url,
      deepseekBaseUrl: emulator.url,
      // No per-user stream or request limits: one user runs 40 answers at once below.
      extraEnv: { NEXT_MANUAL_SIG_HANDLE: "true", SHUTDOWN_GRACE_SECONDS: "20", MAX_STREAMS_PER_USER: "0", MAX_STREAMS_TOTAL: "0", RATE_LIMIT_PER_MINUTE: "1000" },
    });

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tokenDelayMs: 1 });
    database = await freshDatabase("sqlite");
    await database.db.user.create({ data: { email: "alice@example.com", passwordHash: await hash(PASSWORD) } });
    app = await start();
    alice = await signedIn(app, "alice@example.com");
  });
  afterAll(async () => {
    await app?.stop();
    await emulator?.close();
    await database?.cleanup();
  });

  it("keeps generating after the tab closes, checkpointing progress, and saves the whole answer", async () => {
    const id = newId("c");
    const controller = new AbortController();
    const res = await alice.json("/api/chat", chatBody(id, "[[long:300]] [[slow:10]]", { thinking: false }), { signal: controller.signal });
    await readSomeThenDisconnect(res, controller, 5);

    const midway = await waitForMessage(alice, id, (m) => storedText(m).length > 0);
    expect(midway.metadata.status).toBe("streaming");
    expect(fullText(300).startsWith(storedText(midway))).toBe(true);

    const done = await waitForMessage(alice, id, (m) => m.metadata.status !== "streaming");
    expect(done.metadata.status).toBe("complete");
    expect(storedText(done)).toBe(fullText(300));
  });

  it("under load, every client gets every token once and in order, and every answer is saved whole", async () => {
    // 40 answers at 500 tokens/s each keep the server's event loop busy, so their tokens are
    // batched into fewer writes (lib/chat/generations/pacer.ts) for most of the answer.
    const ids = Array.from({ length: 40 }, () => newId("c"));
    const streams = await Promise.all(
      ids.map(async (id) => readUiStream(await alice.json("/api/chat", chatBody(id, "[[long:400]] [[slow:2]]", { thinking: false })))),
    );
    for (const parts of streams) {
      expect(textDeltas(parts)).toBe(fullText(400));
      expect(parts.filter((p) => p.type === "text-start")).toHaveLength(1);
      expect(parts.at(-1)).toMatchObject({ type: "finish", finishReason: "stop" });
    }
    for (const id of ids) {
      const saved = await waitForMessage(alice, id, (m) => m.metadata.status !== "streaming");
      expect(saved.metadata.status).toBe("complete");
      expect(storedText(saved)).toBe(fullText(400));
    }
  });

  it("lets a reload resume the live answer from its first chunk, then reports nothing to resume", async () => {
    const id = newId("c");
    const controller = new AbortController();
    const res = await alice.json("/api/chat", chatBody(id, "[[long:150]] [[slow:10]]", { thinking: false }), { signal: controller.signal });
    await readSomeThenDisconnect(res, controller, 3);

    const resumed = await alice.fetch(`/api/chat/${id}/stream`);
    expect(resumed.status).toBe(200);
    expect(resumed.headers.get("x-vercel-ai-ui-message-stream")).toBe("v1");
    const parts = await readUiStream(resumed);
    const assistant = (await getMessages(alice, id))[1];
    expect(parts[0]).toMatchObject({ type: "start", messageId: assistant.id });
    expect(textDeltas(parts)).toBe(fullText(150));
    expect(parts.at(-1)).toMatchObject({ type: "finish" });

    expect((await alice.fetch(`/api/chat/${id}/stream`)).status).toBe(204);
    expect((await new HttpClient(app.url).fetch(`/api/chat/${id}/stream`)).status).toBe(401);
  });

  it("stops from another device: upstream aborted, partial answer kept as stopped", async () => {
    const id = newId("c");
    const res = await alice.json("/api/chat", chatBody(id, "[[long:2000]] [[slow:5]]", { thinking: false }));
    const otherDevice = await signedIn(app, "alice@example.com");
    await waitForMessage(alice, id, (m) => storedText(m).length > 0);
    const stop = await otherDevice.fetch(`/api/chat/${id}/stop`, { method: "POST" });
    expect(stop.status).toBe(200);
    const parts = await readUiStream(res); // the original stream ends instead of running to word2000
    expect(textDeltas(parts).length).toBeLessThan(fullText(2000).length);
    const stopped = await waitForMessage(alice, id, (m) => m.metadata.status !== "streaming");
    expect(stopped.metadata.status).toBe("stopped");
    expect(storedText(stopped).length).toBeGreaterThan(0);
    expect(fullText(2000).startsWith(storedText(stopped))).toBe(true);
  });

  it("keeps the partial answer with an error code when DeepSeek drops mid-answer", async () => {
    const id = newId("c");
    const parts = await readUiStream(await alice.json("/api/chat", chatBody(id, "[[long:200]] [[drop:40]]", { thinking: false })));
    expect(parts.find((p) => p.type === "error")).toEqual({ type: "error", errorText: "offline:deepseek" });
    const shown = textDeltas(parts);
    expect(shown.length).toBeGreaterThan(0);
    const saved = await waitForMessage(alice, id, (m) => m.metadata.status !== "streaming");
    expect(saved.metadata).toMatchObject({ status: "error", errorCode: "offline:deepseek" });
    expect(storedText(saved)).toBe(shown);
    expect(emulator.requests.filter((r) => JSON.stringify(r.body).includes("[[drop:40]]"))).toHaveLength(1); // never retried
  });

  it("tells the user while DeepSeek keeps the request waiting", async () => {
    const parts = await readUiStream(await alice.json("/api/chat", chatBody(newId("c"), "queued [[keepalive:3]]", { thinking: false })));
    const waiting = parts.filter((p) => p.type === "data-upstream" && (p.data as { type: string }).type === "waiting");
    expect(waiting.length).toBeGreaterThan(0);
    expect(parts.findIndex((p) => p.type === "data-upstream")).toBeLessThan(parts.findIndex((p) => p.type === "text-delta"));
    expect(textDeltas(parts)).toContain("queued");
  });

  it("on SIGTERM refuses new chats, lets running answers finish, then exits", async () => {
    const id = newId("c");
    const running = alice.json("/api/chat", chatBody(id, "[[long:200]] [[slow:10]]", { thinking: false }));
    await waitForMessage(alice, id, (m) => storedText(m).length > 0);
    const exited = app.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 200));
    const refused = await alice.json("/api/chat", chatBody(newId("c"), "hello"));
    expect(refused.status).toBe(503);
    expect(await refused.json()).toEqual({ error: { code: "offline:chat" } });
    const finished = await readUiStream(await running).catch((e) => {
      throw new Error(`${e}\n${app.output()}`);
    });
    expect(textDeltas(finished)).toBe(fullText(200));
    expect(await exited).toBe(0);
    app = await start();
    alice = await signedIn(app, "alice@example.com");
    const saved = (await getMessages(alice, id))[1];
    expect(saved.metadata.status).toBe("complete");
    expect(storedText(saved)).toBe(fullText(200));
  });

  it("after SIGKILL mid-answer, marks it interrupted at next start and keeps the checkpointed text", async () => {
    const id = newId("c");
    void alice.json("/api/chat", chatBody(id, "[[long:3000]] [[slow:5]]", { thinking: false })).then((r) => r.text()).catch(() => {});
    await waitForMessage(alice, id, (m) => storedText(m).length > 20);
    await app.kill("SIGKILL");
    app = await start();
    alice = await signedIn(app, "alice@example.com");
    const saved = await waitForMessage(alice, id, (m) => m.metadata.status !== "streaming", 10_000);
    expect(saved.metadata.status).toBe("interrupted");
    expect(storedText(saved).length).toBeGreaterThan(20);
    expect(fullText(3000).startsWith(storedText(saved))).toBe(true);
    expect((await alice.fetch(`/api/chat/${id}/stream`)).status).toBe(204);
  });
});

describe("two instances sharing PostgreSQL and Redis", () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let database: TestDatabase;
  let a: AppServer;
  let b: AppServer;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tokenDelayMs: 1 });
    database = await freshDatabase("postgresql");
    await database.db.user.create({ data: { email: "bob@example.com", passwordHash: await hash(PASSWORD) } });
    const env = { REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379" };
    [a, b] = await Promise.all([
      startApp({ databaseUrl: database.url, deepseekBaseUrl: emulator.url, extraEnv: env }),
      startApp({ databaseUrl: database.url, deepseekBaseUrl: emulator.url, extraEnv: env }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await emulator?.close();
    await database?.cleanup();
  });

  it("resumes on instance B an answer generating on instance A, and stops it from B", async () => {
    const onA = await signedIn(a, "bob@example.com");
    const onB = await signedIn(b, "bob@example.com");
    const id = newId("c");
    const controller = new AbortController();
    const res = await onA.json("/api/chat", chatBody(id, "[[long:120]] [[slow:10]]", { thinking: false }), { signal: controller.signal });
    await readSomeThenDisconnect(res, controller, 3);

    const resumed = await onB.fetch(`/api/chat/${id}/stream`);
    expect(resumed.status).toBe(200);
    const parts = await readUiStream(resumed);
    expect(parts[0]).toMatchObject({ type: "start" });
    expect(textDeltas(parts)).toBe(fullText(120));
    expect((await waitForMessage(onB, id, (m) => m.metadata.status !== "streaming")).metadata.status).toBe("complete");

    const id2 = newId("c");
    const running = onA.json("/api/chat", chatBody(id2, "[[long:3000]] [[slow:5]]", { thinking: false }));
    await waitForMessage(onB, id2, (m) => storedText(m).length > 0);
    expect(await (await onB.fetch(`/api/chat/${id2}/stop`, { method: "POST" })).json()).toMatchObject({ owner: "relayed" });
    await readUiStream(await running);
    const stopped = await waitForMessage(onB, id2, (m) => m.metadata.status !== "streaming");
    expect(stopped.metadata.status).toBe("stopped");
    expect(storedText(stopped).split(" ").length).toBeLessThan(3000);
  });
});
