import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { hash } from "@node-rs/argon2";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, CANARY_API_KEY, type AppServer } from "../support/app-server";
import { freshDatabase, type TestDatabase } from "../support/db";
import { parseSse } from "../support/deepseek-emulator/client";
import { startEmulator } from "../support/deepseek-emulator/server";
import { HttpClient } from "../support/http-client";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
const PASSWORD = "integration-password";
const run = promisify(execFile);

async function createToken(client: HttpClient, body: Record<string, unknown> = { name: "laptop" }) {
  const res = await client.json("/api/tokens", body);
  expect(res.status).toBe(201);
  return (await res.json()) as { token: string; id: string; prefix: string };
}

describe.each(["sqlite", "postgresql"] as const)("OpenAI-compatible API on %s", (provider) => {
  let emulator: Emulator;
  let database: TestDatabase;
  let app: AppServer;
  let alice: HttpClient;
  let bob: HttpClient;
  let aliceToken: string;
  let openai: OpenAI;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tokenDelayMs: 1, keepAliveMs: 50 });
    database = await freshDatabase(provider);
    const passwordHash = await hash(PASSWORD);
    await database.db.user.create({ data: { email: "alice@example.com", passwordHash, role: "admin" } });
    await database.db.user.create({ data: { email: "bob@example.com", passwordHash } });
    app = await startApp({ databaseUrl: database.url, deepseekBaseUrl: emulator.url });
    alice = new HttpClient(app.url);
    bob = new HttpClient(app.url);
    expect(await alice.signIn("alice@example.com", PASSWORD)).toBe(true);
    expect(await bob.signIn("bob@example.com", PASSWORD)).toBe(true);
    aliceToken = (await createToken(alice)).token;
    // Exactly DeepSeek's quick-start client, with only the base URL and the key changed.
    openai = new OpenAI({ baseURL: `${app.url}/api/v1`, apiKey: aliceToken, maxRetries: 0 });
  });

  afterAll(async () => {
    await app?.stop();
    await emulator?.close();
    await database?.cleanup();
  });

  it("issues shoal- tokens once and stores only a hash", async () => {
    expect(aliceToken).toMatch(/^shoal-[0-9A-Za-z]{40}$/);
    const list = (await (await alice.fetch("/api/tokens")).json()) as { tokens: Array<Record<string, unknown>> };
    expect(list.tokens).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain(aliceToken);
    const row = await database.db.apiToken.findFirstOrThrow();
    expect(row.tokenHash).not.toContain(aliceToken.slice(6));
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("runs DeepSeek's quick-start (legacy deepseek-chat, not streamed) through the official openai SDK", async () => {
    emulator.reset();
    const completion = await openai.chat.completions.create({
      messages: [
        { role: "system", content: "You are a helpful assistant." },
        { role: "user", content: "Hello!" },
      ],
      model: "deepseek-chat",
    });
    expect(completion.choices[0].message.content).toContain("Hello!");
    expect(completion.choices[0].finish_reason).toBe("stop");
    const usage = completion.usage as unknown as Record<string, number>;
    expect(usage.prompt_cache_miss_tokens).toBeGreaterThan(0);
    expect(usage).toHaveProperty("prompt_cache_hit_tokens");

    const upstream = emulator.requests.at(-1)!;
    expect(upstream.headers.authorization).toBe(`Bearer ${CANARY_API_KEY}`);
    expect(upstream.body).toMatchObject({ model: "deepseek-flash", thinking: { type: "disabled" } });
  });

  it("streams a thinking model with reasoning_content, finish_reason and usage with cache fields", async () => {
    const stream = await openai.chat.completions.create({
      model: "deepseek-reasoner",
      messages: [{ role: "user", content: "Count the r in strawberry" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let reasoning = "";
    let content = "";
    let finish: string | null = null;
    let usage: Record<string, unknown> | undefined;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as { content?: string | null; reasoning_content?: string | null } | undefined;
      reasoning += delta?.reasoning_content ?? "";
      content += delta?.content ?? "";
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) usage = chunk.usage as unknown as Record<string, unknown>;
    }
    expect(reasoning).toContain("Count the r in strawberry");
    expect(content).toContain("Count the r in strawberry");
    expect(finish).toBe("stop");
    expect(usage).toMatchObject({ prompt_cache_hit_tokens: 0, completion_tokens_details: { reasoning_tokens: expect.any(Number) } });
    expect(emulator.requests.at(-1)!.body).toMatchObject({ model: "deepseek-flash", stream: true, thinking: { type: "enabled" } });
  });

  it("forwards DeepSeek's request fields unchanged (tools, thinking, effort, response_format, stop, limits)", async () => {
    const fields = {
      thinking: { type: "enabled" },
      reasoning_effort: "max",
      response_format: { type: "json_object" },
      tools: [{ type: "function", function: { name: "weather", parameters: { type: "object", properties: { location: { type: "string" } } } } }],
      tool_choice: "auto",
      stop: ["END"],
      max_tokens: 200,
      temperature: 0.7,
      top_p: 0.9,
    };
    await openai.chat.completions.create({
      model: "deepseek-v4-pro",
      messages: [{ role: "user", content: "json please" }],
      ...(fields as object),
    } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    expect(emulator.requests.at(-1)!.body).toMatchObject({ model: "deepseek-v4-pro", ...fields });
  });

  it("serves raw SSE to curl, byte-compatible with DeepSeek (data: lines, [DONE])", async () => {
    const { stdout } = await run("curl", [
      "-sN",
      `${app.url}/api/v1/chat/completions`,
      "-H",
      "Content-Type: application/json",
      "-H",
      `Authorization: Bearer ${aliceToken}`,
      "-d",
      JSON.stringify({ model: "deepseek-flash", messages: [{ role: "user", content: "Hi from curl" }], stream: true }),
    ]);
    const sse = parseSse(stdout);
    expect(sse.done).toBe(true);
    expect(sse.chunks[0]).toMatchObject({ object: "chat.completion.chunk", model: "deepseek-flash" });
    const last = sse.chunks.at(-1);
    expect(last.choices[0].finish_reason).toBe("stop");
    expect(last.usage.prompt_cache_miss_tokens).toBeGreaterThan(0);
  });

  it("streams uncompressed even to a client that accepts gzip (pages stay compressed)", async () => {
    const res = await fetch(`${app.url}/api/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${aliceToken}`, "accept-encoding": "gzip, deflate, br" },
      body: JSON.stringify({ model: "deepseek-flash", messages: [{ role: "user", content: "Hi, gzip?" }], stream: true }),
    });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    expect(res.headers.get("cache-control")).toContain("no-transform");
    expect(res.headers.get("content-encoding")).toBeNull();
    expect(parseSse(await res.text()).done).toBe(true);
    // The same server does compress what benefits from it, so the check above can fail.
    const page = await fetch(`${app.url}/sign-in`, { headers: { "accept-encoding": "gzip" } });
    expect(page.headers.get("content-encoding")).toBe("gzip");
    await page.arrayBuffer();
  });

  it("lists models in DeepSeek's shape", async () => {
    const page = await openai.models.list();
    expect(page.data.map((m) => m.id)).toEqual(["deepseek-flash", "deepseek-v4-pro"]);
    expect(page.data[0]).toEqual({ id: "deepseek-flash", object: "model", owned_by: "deepseek" });
  });

  it("rejects an unknown model with DeepSeek's 400 body", async () => {
    const res = await fetch(`${app.url}/api/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${aliceToken}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }] }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { message: "Model Not Exist", type: "invalid_request_error", param: null, code: "invalid_request_error" } });
    await expect(openai.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }] })).rejects.toMatchObject({ status: 400 });
  });

  it("refuses missing, foreign, revoked and expired tokens with 401", async () => {
    const call = (key: string) => new OpenAI({ baseURL: `${app.url}/api/v1`, apiKey: key, maxRetries: 0 }).models.list();
    await expect(call("shoal-" + "x".repeat(40))).rejects.toMatchObject({ status: 401, code: "unauthorized:token" });
    await expect(call(CANARY_API_KEY)).rejects.toMatchObject({ status: 401 });
    const none = await fetch(`${app.url}/api/v1/models`);
    expect(none.status).toBe(401);

    const bobs = await createToken(bob, { name: "ci" });
    await expect(call(bobs.token)).resolves.toBeDefined();
    // Bob cannot revoke Alice's token; the admin can revoke Bob's.
    const aliceId = (await database.db.apiToken.findFirstOrThrow({ where: { user: { email: "alice@example.com" } } })).id;
    expect((await bob.fetch(`/api/tokens/${aliceId}`, { method: "DELETE" })).status).toBe(404);
    expect((await bob.fetch("/api/admin/tokens")).status).toBe(403);
    expect((await alice.fetch(`/api/admin/tokens/${bobs.id}`, { method: "DELETE" })).status).toBe(204);
    await expect(call(bobs.token)).rejects.toMatchObject({ status: 401 });

    const expiring = await createToken(bob, { name: "short", expiresInDays: 1 });
    await expect(call(expiring.token)).resolves.toBeDefined();
    await database.db.apiToken.update({ where: { id: expiring.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(call(expiring.token)).rejects.toMatchObject({ status: 401 });

    const own = await createToken(bob, { name: "own" });
    expect((await bob.fetch(`/api/tokens/${own.id}`, { method: "DELETE" })).status).toBe(204);
    await expect(call(own.token)).rejects.toMatchObject({ status: 401 });
  });

  it("lets an admin turn the API off", async () => {
    expect((await bob.json("/api/admin/usage-settings", { apiEnabled: false }, { method: "PUT" })).status).toBe(403);
    expect((await alice.json("/api/admin/usage-settings", { apiEnabled: false }, { method: "PUT" })).status).toBe(200);
    await expect(openai.models.list()).rejects.toMatchObject({ status: 403, code: "forbidden:api" });
    expect((await alice.json("/api/tokens", { name: "x" })).status).toBe(403);
    expect((await alice.json("/api/admin/usage-settings", { apiEnabled: true }, { method: "PUT" })).status).toBe(200);
    await expect(openai.models.list()).resolves.toBeDefined();
  });

  it("turns DeepSeek's 402 into the team message without DeepSeek's body", async () => {
    const err = (await openai.chat.completions
      .create({ model: "deepseek-flash", messages: [{ role: "user", content: "pay [[error:402]]" }] })
      .then(
        () => undefined,
        (e: unknown) => e,
      )) as { status: number; message: string; code: string };
    expect(err).toMatchObject({ status: 402, code: "payment_required:deepseek" });
    expect(err.message).toContain("an admin has been notified");
  });

  it("records a streamed API call the client abandons as stopped, with an estimate", async () => {
    const controller = new AbortController();
    const res = await fetch(`${app.url}/api/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${aliceToken}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "deepseek-flash", messages: [{ role: "user", content: "abandon [[long:3000]] [[slow:5]]" }], stream: true, thinking: { type: "disabled" } }),
      signal: controller.signal,
    });
    const reader = res.body!.getReader();
    let seen = "";
    while (seen.split("data: ").length < 10) seen += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    let row;
    for (let i = 0; i < 100 && !row; i++) {
      row = await database.db.usageRecord.findFirst({ where: { source: "api", status: "stopped" } });
      if (!row) await new Promise((r) => setTimeout(r, 100));
    }
    expect(row).toMatchObject({ estimated: true, status: "stopped" });
    expect(row!.outputTokens).toBeGreaterThan(0);
    expect(row!.outputTokens).toBeLessThan(3000);
  });

  it("records every API completion in the ledger with the price in force, and never leaks the key", async () => {
    const rows = await database.db.usageRecord.findMany({ where: { source: "api" }, orderBy: { startedAt: "asc" } });
    const tokenId = (await database.db.apiToken.findFirstOrThrow({ where: { user: { email: "alice@example.com" } } })).id;
    const ok = rows.filter((r) => r.status === "complete");
    expect(ok.length).toBeGreaterThanOrEqual(4);
    for (const r of ok) {
      expect(r.apiTokenId).toBe(tokenId);
      expect(r.estimated).toBe(false);
      expect(r.inputCacheMissTokens + r.inputCacheHitTokens).toBeGreaterThan(0);
      expect(r.outputTokens).toBeGreaterThan(0);
      expect(r.costUsd).toBeGreaterThan(0);
      // The prices in force, one row per currency (DeepSeek's USD and CNY defaults), for the record's window.
      const stored = r.prices as Array<{ currency: string; peak: boolean }>;
      expect(stored.map((p) => p.currency).sort()).toEqual(["CNY", "USD"]);
      expect(stored.every((p) => p.peak === r.peak)).toBe(true);
      expect(r.costCny).toBeGreaterThan(0);
    }
    expect(ok.some((r) => r.reasoningTokens > 0 && r.model === "deepseek-flash")).toBe(true);
    const failed = rows.find((r) => r.errorCode === "payment_required:deepseek");
    expect(failed).toMatchObject({ status: "error", outputTokens: 0 });
    expect(app.output()).not.toContain(CANARY_API_KEY);
    expect(app.output()).not.toContain(aliceToken);
  });
});
