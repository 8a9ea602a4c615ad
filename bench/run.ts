// npm run bench [-- --quick] [--only latency,concurrency,concurrency-idle,backpressure,db,client,sidebar,coldstart] [--latency-db postgresql]
// Runs the benchmarks against the production build (`npm run build` first) and writes
// bench/results/<timestamp>.{json,md}, bench/results/latest.{json,md} and the SVG charts.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { renderReport } from "./lib/report.ts";
import { root, startStack, type Provider, type Stack } from "./lib/stack.ts";
import { machine, log } from "./lib/stats.ts";
import { runClient, type ClientAnswerConfig } from "./sections/client.ts";
import { runColdStart } from "./sections/cold-start.ts";
import { runBackpressure, runConcurrency } from "./sections/concurrency.ts";
import { runDb } from "./sections/db.ts";
import { runLatency } from "./sections/latency.ts";
import { runSidebar } from "./sections/sidebar.ts";

const { values } = parseArgs({
  options: { quick: { type: "boolean", default: false }, only: { type: "string" }, out: { type: "string" }, "latency-db": { type: "string", default: "sqlite" } },
});
const quick = values.quick;
const only = values.only ? new Set(values.only.split(",")) : undefined;
const want = (s: string) => !only || only.has(s);
const outDir = values.out ?? path.join(root, "bench/results");
mkdirSync(outDir, { recursive: true });

const cfg = quick
  ? {
      latency: { levels: [1, 10, 100], rounds: 1, roundMs: 1500, tokens: 50, long: { concurrency: 30, tokens: 50, roundMs: 2000 }, steady: { streams: 30, windowMs: 1000 } },
      concurrency: { levels: [100], paceMs: 1000, rampPerSec: 100, rssLimitMiB: 1024, freshAppPerLevel: false },
      concurrencyIdle: { levels: [], paceMs: 10_000, rampPerSec: 150, rssLimitMiB: 1024, freshAppPerLevel: false },
      backpressure: { streams: 4, tokens: 1000, disconnects: 10 },
      db: { repeats: 1, historyMessages: 50, writeLoad: { writers: 20, turnsPerWriter: 25 } },
      client: { historyMessages: 60, answers: [{ kind: "words", tokens: 500, paceMs: 2 }, { kind: "markdown", tokens: 500, paceMs: 2 }] as ClientAnswerConfig[] },
      sidebar: { chats: 500, messages: 5_000, teammates: 1, repeats: 6 },
      coldStartRepeats: 1,
      providers: ["sqlite"] as Provider[],
    }
  : {
      latency: { levels: [1, 10, 100], rounds: 3, roundMs: 8000, tokens: 50, long: { concurrency: 100, tokens: 500, roundMs: 20_000 }, steady: { streams: 100, windowMs: 10_000 } },
      concurrency: { levels: [250, 500, 1000, 2000, 3000], paceMs: 2000, rampPerSec: 150, rssLimitMiB: 1024, freshAppPerLevel: true },
      // Nearly idle streams (one token per 10 s): memory per held stream without the CPU ceiling.
      concurrencyIdle: { levels: [1000, 2000, 3000], paceMs: 10_000, rampPerSec: 150, rssLimitMiB: 1024, freshAppPerLevel: true },
      backpressure: { streams: 8, tokens: 2500, disconnects: 50 },
      db: { repeats: 3, historyMessages: 200, writeLoad: { writers: 20, turnsPerWriter: 150 } },
      // 2 ms per token is ten times DeepSeek's pace (a worst case for rendering); the last answer is at its pace.
      client: {
        historyMessages: 200,
        repeats: 3,
        answers: [
          { kind: "words", tokens: 10_000, paceMs: 2 },
          { kind: "markdown", tokens: 10_000, paceMs: 2 },
          { kind: "markdown", tokens: 2_000, paceMs: 20 },
        ] as ClientAnswerConfig[],
      },
      sidebar: { chats: 10_000, messages: 100_000, teammates: 4, repeats: 20 },
      coldStartRepeats: 3,
      providers: ["sqlite", "postgresql"] as Provider[],
    };

const started = new Date();
// `--only` on a full run re-measures those sections and keeps the others from latest.json.
const previous = only && !quick && existsSync(path.join(outDir, "latest.json")) ? (JSON.parse(readFileSync(path.join(outDir, "latest.json"), "utf8")) as Record<string, unknown>) : {};
const results: Record<string, unknown> = {
  ...previous, mode: quick ? "quick" : "full", startedAt: started.toISOString(), machineAtStart: machine(), config: cfg };
const failures: string[] = [];
const active = new Set<Stack>();
// Ctrl-C / SIGTERM: stop the app, the emulator and drop the throwaway databases before leaving.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    log(`${signal}: cleaning up`);
    void Promise.allSettled([...active].map((s) => s.stop())).then(() => process.exit(130));
  });
}

async function section<T>(name: string, stackFor: () => Promise<Stack>, fn: (s: Stack) => Promise<T>, key = name): Promise<void> {
  if (!want(name)) return;
  log(`— ${key} —`);
  let stack: Stack | undefined;
  try {
    stack = await stackFor();
    active.add(stack);
    results[key] = { ...(await fn(stack)), loadavgAfter: machine().loadavg };
  } catch (e) {
    const cause = e instanceof Error && e.cause ? `\ncause: ${String((e.cause as Error).stack ?? e.cause)}` : "";
    const msg = (e instanceof Error ? (e.stack ?? e.message) : String(e)) + cause;
    log(`${key} failed: ${msg}`);
    failures.push(`${key}: ${msg.split("\n")[0]}`);
    results[key] = { error: msg.slice(0, 2000) };
  } finally {
    if (stack && stack !== shared) {
      active.delete(stack);
      await stack.stop().catch(() => {});
    }
  }
}

// --quick: one SQLite stack (emulator, database, app) serves the latency, backpressure, database,
// client and cold-start sections, so the smoke check stays under two minutes (a stack takes ~2.6 s
// to start). A full run starts each section on a fresh one.
let shared: Stack | undefined;
const sqlite20 = quick
  ? async () => {
      shared ??= await startStack("sqlite", 20);
      return shared;
    }
  : () => startStack("sqlite", 20);
const stackFor = (p: Provider) => (p === "sqlite" ? sqlite20() : startStack(p, 20));
// `--latency-db postgresql`: the latency sections against PostgreSQL (asynchronous driver) instead.
const latencyDb = values["latency-db"] === "postgresql" ? "postgresql" : "sqlite";
await section("latency", () => stackFor(latencyDb), (s) => runLatency(s, cfg.latency, path.join(outDir, `${quick ? "quick-" : ""}latency-100.cpuprofile`)));
// Memory per stream needs an app that has run nothing else: never the shared stack.
await section("concurrency", () => startStack("sqlite", 20), (s) => runConcurrency(s, cfg.concurrency));
if (cfg.concurrencyIdle.levels.length) await section("concurrency-idle", sqlite20, (s) => runConcurrency(s, cfg.concurrencyIdle));
await section("backpressure", sqlite20, (s) => runBackpressure(s, cfg.backpressure));
for (const p of cfg.providers) await section("db", () => stackFor(p), (s) => runDb(s, cfg.db), `db-${p}`);
await section("client", sqlite20, (s) => runClient(s, cfg.client, path.join(outDir, `${quick ? "quick-" : ""}client-stream.cpuprofile`)));
for (const p of cfg.providers) await section("sidebar", () => startStack(p, 20), (s) => runSidebar(s, cfg.sidebar), `sidebar-${p}`);
for (const p of cfg.providers) await section("coldstart", () => stackFor(p), (s) => runColdStart(s, cfg.coldStartRepeats), `coldstart-${p}`);

if (shared) {
  active.delete(shared);
  await shared.stop().catch(() => {});
}
results.finishedAt = new Date().toISOString();
results.machineAtEnd = machine();
results.durationSeconds = Math.round((Date.now() - started.getTime()) / 1000);
results.failures = failures;
const thisRun = { startedAt: results.startedAt, finishedAt: results.finishedAt, durationSeconds: results.durationSeconds, sections: only ? [...only] : ["all"], loadavgStart: (results.machineAtStart as { loadavg: number[] }).loadavg, loadavgEnd: (results.machineAtEnd as { loadavg: number[] }).loadavg };
results.runs = [...((previous.runs as unknown[] | undefined) ?? []), thisRun];

const stamp = started.toISOString().replace(/[:.]/g, "-").slice(0, 19);
const { markdown, charts } = renderReport(results);
const prefix = quick ? "quick-" : "";
writeFileSync(path.join(outDir, `${prefix}${stamp}.json`), JSON.stringify(results, null, 1));
writeFileSync(path.join(outDir, `${prefix}latest.json`), JSON.stringify(results, null, 1));
writeFileSync(path.join(outDir, `${prefix}latest.md`), markdown);
for (const [name, svg] of Object.entries(charts)) writeFileSync(path.join(outDir, `${prefix}${name}`), svg);
log(`done in ${results.durationSeconds} s → ${path.relative(root, path.join(outDir, `${prefix}latest.md`))}${failures.length ? `; ${failures.length} section(s) failed` : ""}`);
process.exit(failures.length ? 1 : 0);
