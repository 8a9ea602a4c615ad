import fs from "node:fs";
import path from "node:path";
import { hash } from "@node-rs/argon2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CANARY_API_KEY, startApp, type AppServer } from "../support/app-server";
import { freshDatabase, type TestDatabase } from "../support/db";
import { startEmulator } from "../support/deepseek-emulator/server";
import { HttpClient, readUiStream } from "../support/http-client";

const PASSWORD = "integration-password";

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

describe("without a DeepSeek key", () => {
  let database: TestDatabase;
  let app: AppServer;
  let admin: HttpClient;
  let member: HttpClient;

  beforeAll(async () => {
    database = await freshDatabase("sqlite");
    const passwordHash = await hash(PASSWORD);
    await database.db.user.create({ data: { email: "admin@example.com", passwordHash, role: "admin" } });
    await database.db.user.create({ data: { email: "member@example.com", passwordHash } });
    app = await startApp({ databaseUrl: database.url, deepseekBaseUrl: "http://127.0.0.1:9", apiKey: null });
    admin = new HttpClient(app.url);
    member = new HttpClient(app.url);
    await admin.signIn("admin@example.com", PASSWORD);
    await member.signIn("member@example.com", PASSWORD);
  });
  afterAll(async () => {
    await app?.stop();
    await database?.cleanup();
  });

  it("starts, and tells the admin exactly what to set", async () => {
    const html = await (await admin.fetch("/")).text();
    expect(html).toContain('data-testid="config-notice"');
    expect(html).toContain("DEEPSEEK_API_KEY");
  });

  it("tells members plainly that it is not configured yet", async () => {
    const html = await (await member.fetch("/")).text();
    expect(html).toContain('data-audience="member"');
    expect(html).toContain("not connected DeepSeek yet");
    expect(html).not.toContain("DEEPSEEK_API_KEY");
  });

  it("answers chat requests with 503 not_configured:deepseek", async () => {
    const res = await member.json("/api/chat", {
      id: "c-not-configured",
      message: { id: "m-not-configured", role: "user", parts: [{ type: "text", text: "hi" }] },
      model: "deepseek-flash",
    });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: { code: "not_configured:deepseek" } });
    const models = (await (await member.fetch("/api/models")).json()) as { configured: boolean };
    expect(models.configured).toBe(false);
  });
});

describe("the DeepSeek key never reaches a browser", () => {
  let database: TestDatabase;
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let app: AppServer;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tokenDelayMs: 0 });
    database = await freshDatabase("sqlite");
    await database.db.user.create({ data: { email: "k@example.com", passwordHash: await hash(PASSWORD) } });
    app = await startApp({ databaseUrl: database.url, deepseekBaseUrl: emulator.url, apiKey: CANARY_API_KEY });
  });
  afterAll(async () => {
    await app?.stop();
    await emulator?.close();
    await database?.cleanup();
  });

  it("is in no file of the client build (built with the key set)", () => {
    const files = filesUnder(path.resolve(".next/static"));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expect(fs.readFileSync(file, "utf8").includes(CANARY_API_KEY), file).toBe(false);
  });

  it("is in no server-rendered page and no API response", async () => {
    const client = new HttpClient(app.url);
    const bodies: string[] = [];
    for (const p of ["/sign-in", "/sign-up"]) bodies.push(await (await client.fetch(p)).text());
    await client.signIn("k@example.com", PASSWORD);
    const chat = await client.json("/api/chat", {
      id: "leakcheck1",
      message: { id: "leakcheck1m", role: "user", parts: [{ type: "text", text: "hello" }] },
      model: "deepseek-flash",
    });
    bodies.push(JSON.stringify(await readUiStream(chat)));
    const failing = await client.json("/api/chat", {
      id: "leakcheck2",
      message: { id: "leakcheck2m", role: "user", parts: [{ type: "text", text: "[[error:401]]" }] },
      model: "deepseek-flash",
    });
    bodies.push(JSON.stringify(await readUiStream(failing)));
    for (const p of ["/", "/chat/leakcheck1", "/api/chats", "/api/chats/leakcheck1", "/api/chats/leakcheck2", "/api/models", "/api/auth/session"]) {
      const res = await client.fetch(p);
      expect(res.status, p).toBe(200);
      bodies.push(await res.text());
    }
    expect(bodies.join("\n")).toContain("hello");
    for (const body of bodies) expect(body).not.toContain(CANARY_API_KEY);
    expect(app.output()).not.toContain(CANARY_API_KEY);
  });
});
