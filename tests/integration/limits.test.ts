import { randomBytes } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { displayPrefix, generateToken, hashToken } from "@/lib/api/tokens";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppServer } from "../support/app-server";
import { freshDatabase, type TestDatabase } from "../support/db";
import { startEmulator } from "../support/deepseek-emulator/server";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
const PASSWORD = "integration-password";
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

// Two `next start` processes share PostgreSQL and Redis: limits must hold across both.
describe("rate and concurrency limits across two app processes (postgresql + redis)", () => {
  let emulator: Emulator;
  let database: TestDatabase;
  const apps: AppServer[] = [];
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tokenDelayMs: 5 });
    database = await freshDatabase("postgresql");
    const passwordHash = await hash(PASSWORD);
    const extraEnv = {
      REDIS_URL,
      REDIS_KEY_PREFIX: `shoal-test-${randomBytes(6).toString("hex")}`,
      RATE_LIMIT_PER_MINUTE: "4",
      MAX_STREAMS_PER_USER: "2",
      MAX_STREAMS_TOTAL: "3",
    };
    for (const name of ["alice", "bob", "carol", "dave"]) {
      const user = await database.db.user.create({ data: { email: `${name}@example.com`, passwordHash } });
      const token = generateToken();
      await database.db.apiToken.create({ data: { userId: user.id, name: "t", tokenHash: hashToken(token), prefix: displayPrefix(token) } });
      tokens[name] = token;
    }
    const started = await Promise.all([0, 1].map(() => startApp({ databaseUrl: database.url, deepseekBaseUrl: emulator.url, extraEnv })));
    apps.push(...started);
  });

  afterAll(async () => {
    await Promise.all(apps.map((a) => a.stop()));
    await emulator?.close();
    await database?.cleanup();
  });

  const post = (app: AppServer, who: string, content: string, signal?: AbortSignal) =>
    fetch(`${app.url}/api/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${tokens[who]}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "deepseek-chat", messages: [{ role: "user", content }], stream: true }),
      signal,
    });
  const codeOf = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

  it("counts requests per minute per user across both processes", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await post(apps[i % 2], "alice", `hi ${i}`);
      await res.text();
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200]);
    const fifth = await post(apps[0], "alice", "one too many");
    expect(fifth.status).toBe(429);
    expect(Number(fifth.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await codeOf(fifth)).toBe("rate_limit:limits");
    // Bob has his own allowance.
    const bob = await post(apps[1], "bob", "hello");
    await bob.text();
    expect(bob.status).toBe(200);
  });

  it("caps concurrent streams per user and per instance across both processes, and frees slots when streams end", async () => {
    const controller = new AbortController();
    const slow = "slow [[long:2000]] [[slow:20]]";
    const open: Response[] = [];
    open.push(await post(apps[0], "carol", slow, controller.signal));
    open.push(await post(apps[1], "carol", slow, controller.signal));
    expect(open.map((r) => r.status)).toEqual([200, 200]);

    const third = await post(apps[0], "carol", "third");
    expect(third.status).toBe(429);
    expect(await codeOf(third)).toBe("rate_limit:concurrency");

    open.push(await post(apps[1], "dave", slow, controller.signal));
    expect(open[2].status).toBe(200);
    // Three streams are open on the instance (two processes): the fourth is refused for everyone.
    const fourth = await post(apps[0], "bob", "fourth");
    expect(fourth.status).toBe(429);
    const body = (await fourth.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("rate_limit:concurrency");
    expect(body.error.message).toContain("instance");

    // Aborted streams give their slots back (each retry would cost a per-minute point, so wait instead).
    controller.abort();
    await new Promise((r) => setTimeout(r, 1500));
    const after = await post(apps[1], "bob", "after");
    expect(after.status).toBe(200);
    await after.text();
  });
});
