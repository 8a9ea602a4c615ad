// The system under test, each part its own process: the DeepSeek emulator, a fresh migrated
// database, and `next start` of the production build with the probe preloaded. The benchmark
// process itself is only the load generator.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { hash } from "@node-rs/argon2";
import { PrismaLibSql } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PgClient } from "../../generated/prisma/postgresql/client.ts";
import { PrismaClient as SqliteClient } from "../../generated/prisma/sqlite/client.ts";
import { applyMigrations } from "../../lib/db/migrate.ts";
import { createThrowawayDatabase } from "../../tests/support/pg.ts";
import { freePort, npmStartScript } from "../../tests/support/app-server.ts";
import { HttpClient } from "../../tests/support/http-client.ts";

export { freePort };

export const root = path.resolve(import.meta.dirname, "../..");
export const API_KEY = "sk-shoal-bench-0123456789abcdef";
export const PASSWORD = "bench-password-123";
export type Provider = "sqlite" | "postgresql";
export type Db = SqliteClient;

async function waitFor(url: string, child: ChildProcess, output: () => string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited early:\n${output()}`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} not ready within ${timeoutMs} ms:\n${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export type Proc = { url: string; pid: number; child: ChildProcess; output(): string; stop(): Promise<void> };
export type EmulatorProc = Proc & { inflight(): Promise<number> };

function stopper(child: ChildProcess, signal: NodeJS.Signals = "SIGKILL") {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill(signal);
    });
}

/** The emulator as its own process (pacing = ms per token for every stream). */
export async function startEmulatorProcess(tokenDelayMs: number): Promise<EmulatorProc> {
  const port = await freePort();
  const statsPort = await freePort();
  const child = spawn(
    process.execPath,
    [path.join(root, "bench/lib/emulator-process.ts"), String(port), String(statsPort), String(tokenDelayMs)],
    { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  child.stdout?.on("data", (d) => (out += d));
  child.stderr?.on("data", (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/__emulator/requests`, child, () => out);
  await fetch(`${url}/__emulator/reset`, { method: "POST" });
  const inflight = async () => ((await (await fetch(`http://127.0.0.1:${statsPort}/`)).json()) as { inflight: number }).inflight;
  return { url, pid: child.pid!, child, output: () => out, stop: stopper(child), inflight };
}

export type BenchDb = { provider: Provider; url: string; db: Db; drop(): Promise<void> };

export function clientFor(provider: Provider, url: string): Db {
  if (provider === "sqlite") return new SqliteClient({ adapter: new PrismaLibSql({ url, timeout: 5000 }) });
  return new PgClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db;
}

/** A fresh, migrated database with one signed-up user; `drop()` removes it. */
export async function freshDb(provider: Provider): Promise<BenchDb & { userId: string; email: string }> {
  let url: string;
  let dropRaw: () => Promise<void>;
  if (provider === "postgresql") {
    const t = await createThrowawayDatabase("shoal_bench");
    url = t.url;
    dropRaw = t.drop;
  } else {
    const dir = await mkdtemp(path.join(os.tmpdir(), "shoal-bench-"));
    url = `file:${path.join(dir, "bench.db")}`;
    dropRaw = () => rm(dir, { recursive: true, force: true });
  }
  await applyMigrations(url);
  const db = clientFor(provider, url);
  const email = "bench@example.com";
  const user = await db.user.create({ data: { email, passwordHash: await hash(PASSWORD), role: "admin" } });
  return {
    provider,
    url,
    db,
    userId: user.id,
    email,
    async drop() {
      await db.$disconnect().catch(() => {});
      await dropRaw();
    },
  };
}

/** The node flags `npm start` runs Next.js with (package.json), so the benchmark measures the same process. */
export function startNodeFlags(): string[] {
  const start = npmStartScript();
  const flags = /\bnode ((?:--\S+ )*)node_modules\/next\/dist\/bin\/next start/.exec(start)?.[1];
  if (flags === undefined) throw new Error(`bench: cannot find the node flags in npm start: ${start}`);
  return flags.trim().split(" ").filter(Boolean);
}

export type App = Proc & { port: number; probeUrl: string; startMs: number };

/** `next start` of the build with the probe preloaded; resolves once /api/health answers. */
export async function startApp(opts: { databaseUrl: string; deepseekUrl: string; nodeArgs?: string[]; migrate?: boolean; env?: Record<string, string> }): Promise<App> {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) throw new Error("No production build: run `npm run build` first.");
  const port = await freePort();
  const probePort = await freePort();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/tmp",
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_MANUAL_SIG_HANDLE: "true",
    DATABASE_URL: opts.databaseUrl,
    DEEPSEEK_BASE_URL: opts.deepseekUrl,
    DEEPSEEK_API_KEY: API_KEY,
    AUTH_SECRET: "shoal-bench-secret-0123456789abcdef0123456789",
    MODELS_CACHE_SECONDS: "300",
    // One bench user opens up to thousands of streams: the per-user request and stream limits
    // (on by default) would refuse them, and they are not what is measured here.
    RATE_LIMIT_PER_MINUTE: "0",
    MAX_STREAMS_PER_USER: "0",
    MAX_STREAMS_TOTAL: "0",
    BENCH_PROBE_PORT: String(probePort),
    ...opts.env,
  };
  const t0 = performance.now();
  // Same as `npm start` (migrate, then next start with its node flags), minus npm's own start-up.
  const script =
    (opts.migrate ? `node scripts/db-migrate.ts && ` : "") +
    `exec node --expose-gc --import ./bench/lib/probe.ts ${[...startNodeFlags(), ...(opts.nodeArgs ?? [])].join(" ")} node_modules/next/dist/bin/next start -p ${port} -H 127.0.0.1`;
  const child = spawn("sh", ["-c", script], { cwd: root, env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout?.on("data", (d) => (out = (out + d).slice(-20_000)));
  child.stderr?.on("data", (d) => (out = (out + d).slice(-20_000)));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/api/health`, child, () => out);
  const startMs = performance.now() - t0;
  return { url, port, pid: child.pid!, child, probeUrl: `http://127.0.0.1:${probePort}`, startMs, output: () => out, stop: stopper(child) };
}

export type ProbeStats = {
  statements: number;
  dbMs: number;
  kinds: Record<string, number>;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  elu: { idle: number; active: number };
  handles: Record<string, number>;
};

export async function probe(app: App, query = ""): Promise<ProbeStats> {
  const res = await fetch(`${app.probeUrl}/${query}`);
  return (await res.json()) as ProbeStats;
}

/** RSS of the app process tree from /proc (what the OS sees), in bytes. */
export function treeRss(pid: number): number {
  let total = 0;
  const visit = (p: number) => {
    try {
      const status = fs.readFileSync(`/proc/${p}/status`, "utf8");
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
      for (const child of fs.readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim().split(/\s+/).filter(Boolean)) visit(Number(child));
    } catch {
      // gone
    }
  };
  visit(pid);
  return total;
}

/** CPU time (user + system, ms) of the app process tree so far: all threads, and the main threads only. */
export function treeCpu(pid: number): { totalMs: number; mainMs: number } {
  const tick = 1000 / 100; // USER_HZ
  let totalMs = 0;
  let mainMs = 0;
  const visit = (p: number) => {
    try {
      for (const t of fs.readdirSync(`/proc/${p}/task`)) {
        const stat = fs.readFileSync(`/proc/${p}/task/${t}/stat`, "utf8");
        const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        const ms = (Number(f[11]) + Number(f[12])) * tick;
        totalMs += ms;
        if (t === String(p)) mainMs += ms;
      }
      for (const child of fs.readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim().split(/\s+/).filter(Boolean)) visit(Number(child));
    } catch {
      // gone
    }
  };
  visit(pid);
  return { totalMs, mainMs };
}

/** Established TCP connections to `port` on loopback (e.g. upstream requests to the emulator). */
export function connectionsTo(port: number): number {
  const hex = port.toString(16).toUpperCase().padStart(4, "0");
  let n = 0;
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    try {
      for (const line of fs.readFileSync(file, "utf8").split("\n").slice(1)) {
        const cols = line.trim().split(/\s+/);
        if (cols.length > 3 && cols[2]?.endsWith(`:${hex}`) && cols[3] === "01") n++;
      }
    } catch {
      // no ipv6
    }
  }
  return n;
}

export async function signedIn(app: App, email: string): Promise<HttpClient> {
  const client = new HttpClient(app.url);
  if (!(await client.signIn(email, PASSWORD))) throw new Error("sign-in failed");
  return client;
}

export type Stack = { provider: Provider; db: BenchDb & { userId: string; email: string }; emulator: EmulatorProc; app: App; cookie: string; stop(): Promise<void> };

export async function startStack(provider: Provider, tokenDelayMs: number): Promise<Stack> {
  const db = await freshDb(provider);
  const emulator = await startEmulatorProcess(tokenDelayMs);
  const app = await startApp({ databaseUrl: db.url, deepseekUrl: emulator.url });
  const client = await signedIn(app, db.email);
  return {
    provider,
    db,
    emulator,
    app,
    cookie: client.cookieHeader(),
    async stop() {
      await app.stop();
      await emulator.stop();
      await db.drop();
    },
  };
}
