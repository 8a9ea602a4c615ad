import fs from "node:fs";
import path from "node:path";
import { hash } from "@node-rs/argon2";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppServer } from "../support/app-server";
import { freshDatabase, type TestDatabase } from "../support/db";
import { startEmulator } from "../support/deepseek-emulator/server";
import { HttpClient, readUiStream } from "../support/http-client";
import { testServerUrl } from "../support/pg";

const PASSWORD = "integration-password";
type Json = Record<string, unknown>;

/** Runs SQL as the server admin (for ALTER DATABASE / pg_terminate_backend on our own test database). */
async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: testServerUrl().toString() });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    if (await check()) return Date.now() - t0;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`condition not met within ${ms} ms`);
}

describe("two instances behind a load balancer on one PostgreSQL", () => {
  let database: TestDatabase;
  let dbName: string;
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let a: AppServer;
  let b: AppServer;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tokenDelayMs: 0 });
    database = await freshDatabase("postgresql");
    dbName = new URL(database.url).pathname.slice(1);
    await database.db.user.create({ data: { email: "lb@example.com", passwordHash: await hash(PASSWORD) } });
    // Same DATABASE_URL and AUTH_SECRET (startApp sets the shared test secret), different ports.
    [a, b] = await Promise.all([
      startApp({ databaseUrl: database.url, deepseekBaseUrl: emulator.url }),
      startApp({ databaseUrl: database.url, deepseekBaseUrl: emulator.url }),
    ]);
  });
  afterAll(async () => {
    await admin(`ALTER DATABASE "${dbName}" WITH ALLOW_CONNECTIONS true`).catch(() => {});
    await Promise.all([a?.stop(), b?.stop()]);
    await emulator?.close();
    await database?.cleanup();
  });

  it("reports ready on both (database, migrations, DeepSeek)", async () => {
    for (const app of [a, b]) {
      const res = await fetch(`${app.url}/api/ready`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: "ready", checks: { database: "ok", migrations: "ok", deepseek: "ok" } });
    }
  });

  it("a session from one instance works on the other, and chats are shared", async () => {
    expect(a.port).not.toBe(b.port);
    const onA = new HttpClient(a.url);
    expect(await onA.signIn("lb@example.com", PASSWORD)).toBe(true);
    const onB = new HttpClient(b.url);
    const cookie = onA.cookieHeader();

    const id = `lb${Date.now().toString(36)}`;
    const res = await onA.json("/api/chat", {
      id,
      message: { id: `${id}m`, role: "user", parts: [{ type: "text", text: "made on A" }] },
      model: "deepseek-flash",
    });
    expect((await readUiStream(res)).at(-1)).toMatchObject({ type: "finish" });

    const list = await onB.fetch("/api/chats", { headers: { cookie } });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { chats: Json[] }).chats.map((c) => c.id)).toContain(id);
    const chat = await onB.fetch(`/api/chats/${id}`, { headers: { cookie } });
    const messages = ((await chat.json()) as { messages: Array<{ parts: Json[] }> }).messages;
    expect(messages).toHaveLength(2);
    expect(JSON.stringify(messages[1].parts)).toContain("made on A");
    expect((await onB.fetch(`/api/chats/${id}`, { method: "DELETE", headers: { cookie } })).status).toBe(204);
    expect((await onA.fetch(`/api/chats/${id}`)).status).toBe(404);
  });

  it("answers 503 offline:database while PostgreSQL refuses connections, and recovers by itself", async () => {
    const client = new HttpClient(a.url);
    expect(await client.signIn("lb@example.com", PASSWORD)).toBe(true);
    expect((await client.fetch("/api/chats")).status).toBe(200); // pool has live connections now

    // The outage: new connections refused and every existing session killed (as a restart or
    // failover does). Only our throwaway database is touched.
    await admin(`ALTER DATABASE "${dbName}" WITH ALLOW_CONNECTIONS false`);
    await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${dbName}' AND pid <> pg_backend_pid()`);
    try {
      for (let i = 0; i < 3; i++) {
        const res = await client.fetch("/api/chats");
        expect(res.status).toBe(503);
        expect(await res.json()).toEqual({ error: { code: "offline:database" } });
      }
      const chat = await client.json("/api/chat", {
        id: "outage1",
        message: { id: "outage1m", role: "user", parts: [{ type: "text", text: "hi" }] },
        model: "deepseek-flash",
      });
      expect(chat.status).toBe(503);
      const ready = await fetch(`${a.url}/api/ready`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { checks: Json }).checks).toMatchObject({ database: "unavailable" });
      expect((await fetch(`${a.url}/api/health`)).status).toBe(200); // alive: no restart needed
    } finally {
      await admin(`ALTER DATABASE "${dbName}" WITH ALLOW_CONNECTIONS true`);
    }
    const recoveredIn = await waitFor(async () => (await client.fetch("/api/chats")).status === 200, 15_000);
    console.log(`[db-outage] recovered ${recoveredIn} ms after PostgreSQL accepted connections again`);
    expect((await fetch(`${b.url}/api/ready`)).status).toBe(200);
    expect(a.output()).not.toMatch(/uncaught|unhandled 'error' event/i);
  });
});

describe("readiness on a database with pending migrations", () => {
  let database: TestDatabase;
  let app: AppServer;

  beforeAll(async () => {
    database = await freshDatabase("sqlite");
    await database.db.$executeRawUnsafe("DELETE FROM _prisma_migrations");
    app = await startApp({ databaseUrl: database.url, deepseekBaseUrl: "http://127.0.0.1:9", apiKey: null });
  });
  afterAll(async () => {
    await app?.stop();
    await database?.cleanup();
  });

  it("is not ready, and says which migrations and that DeepSeek is not configured", async () => {
    const res = await fetch(`${app.url}/api/ready`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { checks: Json; pendingMigrations: string[] };
    expect(body.checks).toEqual({ database: "ok", migrations: "pending", deepseek: "not_configured" });
    const all = fs.readdirSync(path.resolve("prisma/migrations/sqlite")).filter((d) => /^\d+_/.test(d)).sort();
    expect(body.pendingMigrations).toEqual(all);
    expect(all[0]).toMatch(/_init$/);
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
  });
});
