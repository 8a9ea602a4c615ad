import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, TEST_AUTH_SECRET } from "../support/app-server";

// The image's entrypoint, run directly (no Docker engine here): it must migrate, then exec the
// server so that the server itself receives SIGTERM; and stop the container when migrating fails.
const root = path.resolve(import.meta.dirname, "../..");
const entrypoint = path.join(root, "docker/entrypoint.sh");

type Run = { pid: number; output(): string; exited: Promise<number | null> };

function run(env: Record<string, string>, args: string[]): Run {
  const child = spawn("sh", [entrypoint, ...args], {
    cwd: os.tmpdir(),
    env: { PATH: process.env.PATH ?? "", HOME: os.tmpdir(), NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", SHOAL_HOME: root, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  return { pid: child.pid!, output: () => out, exited: new Promise((r) => child.on("exit", (code) => r(code))) };
}

async function waitReady(url: string, ms = 60_000): Promise<Response> {
  const t0 = Date.now();
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return res;
    } catch {
      // not up yet
    }
    if (Date.now() - t0 > ms) throw new Error(`${url} not ready in ${ms} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("docker/entrypoint.sh", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "shoal-entrypoint-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("migrates an empty database, then execs the server, which drains and stops on SIGTERM", async () => {
    const port = await freePort();
    const next = [process.execPath, path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"];
    const env = { DATABASE_URL: `file:${path.join(dir, "fresh.db")}`, AUTH_SECRET: TEST_AUTH_SECRET, DEEPSEEK_API_KEY: "sk-entrypoint-test" };
    const app = run(env, next);
    const ready = await waitReady(`http://127.0.0.1:${port}/api/ready`);
    expect(await ready.json()).toMatchObject({ status: "ready", checks: { migrations: "ok" } });
    expect(app.output()).toMatch(/db:migrate: applied to sqlite[\s\S]*_init[\s\S]*Ready/);

    // exec: the pid we started is now the server itself, so a signal to it stops the server; and
    // it is Shoal's drain that stops it (running answers finish and are saved), not Next.js's.
    process.kill(app.pid, "SIGTERM");
    expect(await app.exited).toBe(0);
    expect(app.output()).toMatch(/SIGTERM: draining 0 running answer\(s\)[\s\S]*running answers saved; exiting/);
    await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();

    const again = run(env, ["node", "-e", "console.log('second start')"]);
    expect(await again.exited).toBe(0);
    expect(again.output()).toMatch(/is up to date[\s\S]*second start/);
  });

  it("exits non-zero without starting the server when migrations fail", async () => {
    const bad = run({ DATABASE_URL: "postgresql://postgres@127.0.0.1:1/nowhere" }, ["node", "-e", "console.log('SERVER STARTED')"]);
    expect(await bad.exited).not.toBe(0);
    expect(bad.output()).toContain("db:migrate failed");
    expect(bad.output()).not.toContain("SERVER STARTED");
  });

  it("can skip migrations for replicas that should not run them", async () => {
    const skip = run({ SHOAL_SKIP_MIGRATIONS: "1", DATABASE_URL: "postgresql://postgres@127.0.0.1:1/nowhere" }, ["node", "-e", "console.log('SERVER STARTED')"]);
    expect(await skip.exited).toBe(0);
    expect(skip.output()).toContain("SERVER STARTED");
  });
});
