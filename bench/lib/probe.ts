// Preloaded into the app process by the benchmark only (`node --import bench/lib/probe.ts --expose-gc
// next start`); the app has no benchmark code. It wraps the Prisma driver adapters' single I/O method
// (every SQL statement passes through it) to count statements and their time, and serves the
// counters, memory and event-loop delay on BENCH_PROBE_PORT, plus on-demand CPU profiles and heap
// snapshots, and the phases of the turns the load generator tagged (turn-trace.ts, `/turns`).
import { writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { Session } from "node:inspector/promises";
import { registerHooks } from "node:module";
import { performance } from "node:perf_hooks";
import { writeHeapSnapshot } from "node:v8";
import { BroadcastChannel, isMainThread, threadId } from "node:worker_threads";
import { loopDelayHistogram, loopDelayMs } from "./loop-delay.ts";
import { collectTurnTraces, startTurnTracing } from "./turn-trace.ts";

type Fn = (...args: unknown[]) => Promise<unknown>;
type Proto = Record<string, Fn>;

const stats = { statements: 0, dbMs: 0, kinds: new Map<string, number>() };
const loopDelay = loopDelayHistogram();

function kindOf(sql: unknown): string {
  if (typeof sql !== "string") return "?";
  const s = sql.trim().replace(/\s+/g, " ").replace(/[`"]/g, "");
  const m = /^(SELECT|INSERT INTO|UPDATE|DELETE FROM)\s+(?:.*?\sFROM\s+)?([\w.]+)/i.exec(s);
  if (m) return `${m[1].toUpperCase().split(" ")[0]} ${m[2].replace(/^(main|public)\./, "")}`;
  return s.split(" ")[0].toUpperCase();
}

// Worker threads inherit `--import`: there (the SQLite connection's thread) statements are counted
// and sent to the main thread, which serves the totals.
const channel = new BroadcastChannel("shoal-bench-probe");
// Worker threads also report their own V8 heap (process.memoryUsage's heap figures are per thread).
const workerHeaps = new Map<number, { heapUsed: number; heapTotal: number }>();
// A worker's counts are sent in batches (every 100 ms, and when the main thread asks before
// answering): one message per statement would wake the main thread per statement and slow the
// very thing measured.
type Counts = { thread: number; counts: [kind: string, n: number, ms: number][] };
const flushWaiters = new Set<(thread: number) => void>();
/** Worker threads that have run statements (the SQLite connection's). */
const countingThreads = new Set<number>();
if (isMainThread) {
  channel.onmessage = (e) => {
    const data = (e as { data: Counts | { thread: number; heapUsed: number; heapTotal: number } }).data;
    if ("counts" in data) {
      countingThreads.add(data.thread);
      for (const [kind, n, ms] of data.counts) tally(kind, ms, n);
      for (const done of flushWaiters) done(data.thread);
    } else workerHeaps.set(data.thread, { heapUsed: data.heapUsed, heapTotal: data.heapTotal });
  };
} else {
  // `?gc=1` collects garbage in every thread: a worker's native handles (e.g. prepared statements)
  // are freed only when its own heap is collected.
  channel.onmessage = (e) => {
    const data = (e as { data: { gc?: boolean; flush?: boolean } }).data;
    if (data.gc) (globalThis as { gc?: () => void }).gc?.();
    if (data.flush && everCounted) flushCounts(true);
  };
  setInterval(() => {
    const { heapUsed, heapTotal } = process.memoryUsage();
    channel.postMessage({ thread: threadId, heapUsed, heapTotal });
  }, 1000).unref();
  setInterval(() => flushCounts(false), 100).unref();
}
channel.unref();

const pendingCounts = new Map<string, { n: number; ms: number }>();
let everCounted = false;
function flushCounts(always: boolean): void {
  if (!pendingCounts.size && !always) return;
  const message: Counts = { thread: threadId, counts: [...pendingCounts].map(([kind, c]) => [kind, c.n, c.ms]) };
  pendingCounts.clear();
  channel.postMessage(message);
}

/** The main thread's totals include every worker's statements so far. */
async function collectWorkerCounts(): Promise<void> {
  if (!countingThreads.size) return;
  const waiting = new Set(countingThreads);
  await new Promise<void>((resolve) => {
    const timer = setTimeout(finish, 500);
    function finish() {
      clearTimeout(timer);
      flushWaiters.delete(heard);
      resolve();
    }
    function heard(thread: number) {
      waiting.delete(thread);
      if (!waiting.size) finish();
    }
    flushWaiters.add(heard);
    channel.postMessage({ flush: true });
  });
}

function count(kind: string, ms: number): void {
  if (isMainThread) return tally(kind, ms);
  everCounted = true;
  const c = pendingCounts.get(kind);
  if (c) {
    c.n++;
    c.ms += ms;
  } else pendingCounts.set(kind, { n: 1, ms });
}

function tally(kind: string, ms: number, n = 1): void {
  stats.statements += n;
  stats.dbMs += ms;
  stats.kinds.set(kind, (stats.kinds.get(kind) ?? 0) + n);
}

function wrap(proto: Proto | undefined, method: string, fixedKind?: string): void {
  const original = proto?.[method];
  if (!proto || typeof original !== "function") return;
  proto[method] = async function (this: unknown, ...args: unknown[]) {
    const t = performance.now();
    try {
      return await original.apply(this, args);
    } finally {
      count(fixedKind ?? kindOf((args[0] as { sql?: string } | undefined)?.sql), performance.now() - t);
    }
  };
}

(globalThis as Record<string, unknown>).__shoalBenchProbe = {
  libsql(queryable: { prototype: Proto }, adapter: { prototype: Proto }, tx: { prototype: Proto }) {
    wrap(queryable.prototype, "performIO");
    wrap(adapter.prototype, "executeScript", "SCRIPT");
    wrap(adapter.prototype, "startTransaction", "BEGIN");
    wrap(tx.prototype, "commit", "COMMIT");
    wrap(tx.prototype, "rollback", "ROLLBACK");
  },
  pg(queryable: { prototype: Proto }) {
    wrap(queryable.prototype, "performIO");
  },
};

// Append the wrapping call inside the adapter bundles, where the classes are in scope (ESM or CJS).
registerHooks({
  load(url, context, nextLoad) {
    const result = nextLoad(url, context);
    if (result.source == null) return result;
    let tail = "";
    if (/@prisma\/adapter-libsql\/dist\/index-node\.m?js$/.test(url)) {
      tail = "globalThis.__shoalBenchProbe?.libsql(LibSqlQueryable, PrismaLibSqlAdapter, LibSqlTransaction);";
    } else if (/@prisma\/adapter-pg\/dist\/index\.m?js$/.test(url)) {
      tail = "globalThis.__shoalBenchProbe?.pg(PgQueryable);";
    }
    if (!tail) return result;
    return { ...result, source: `${String(result.source)}\n;${tail}\n` };
  },
});

let session: Session | undefined;
const port = Number(process.env.BENCH_PROBE_PORT ?? 0);
if (port > 0 && isMainThread) {
  startTurnTracing();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://probe");
    try {
      if (url.pathname === "/turns") {
        // The tagged turns since the last call, and the loop's delay meanwhile (the histogram starts
        // again, as with /reset).
        const delay = { p50: loopDelayMs(loopDelay, 50), p99: loopDelayMs(loopDelay, 99), max: loopDelayMs(loopDelay, "max") };
        loopDelay.reset();
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ turns: collectTurnTraces(), loopDelayMs: delay }));
        return;
      }
      await collectWorkerCounts();
      if (url.pathname === "/reset") {
        stats.statements = 0;
        stats.dbMs = 0;
        stats.kinds.clear();
        loopDelay.reset();
      } else if (url.pathname === "/profile/start") {
        session = new Session();
        session.connect();
        await session.post("Profiler.enable");
        await session.post("Profiler.start");
      } else if (url.pathname === "/profile/stop" && session) {
        const { profile } = await session.post("Profiler.stop");
        writeFileSync(url.searchParams.get("file") ?? "/tmp/shoal.cpuprofile", JSON.stringify(profile));
        session.disconnect();
        session = undefined;
      } else if (url.pathname === "/heap") {
        // A heap snapshot (open in Chrome DevTools → Memory); it pauses the process while written.
        writeHeapSnapshot(url.searchParams.get("file") ?? "/tmp/shoal.heapsnapshot");
      }
      const gc = (globalThis as { gc?: () => void }).gc;
      if (url.searchParams.get("gc") === "1" && gc) {
        if (url.searchParams.get("workers") !== "0") channel.postMessage({ gc: true });
        gc();
        gc();
        await new Promise((r) => setTimeout(r, 300));
      }
      const mem = process.memoryUsage();
      const body = JSON.stringify({
        statements: stats.statements,
        dbMs: stats.dbMs,
        kinds: Object.fromEntries(stats.kinds),
        rss: mem.rss,
        heapUsed: mem.heapUsed,
        heapTotal: mem.heapTotal,
        workerHeapUsed: [...workerHeaps.values()].reduce((a, w) => a + w.heapUsed, 0),
        workerHeapTotal: [...workerHeaps.values()].reduce((a, w) => a + w.heapTotal, 0),
        external: mem.external,
        arrayBuffers: mem.arrayBuffers,
        loopDelayP99Ms: loopDelayMs(loopDelay, 99),
        loopDelayMaxMs: loopDelayMs(loopDelay, "max"),
        // Cumulative event-loop utilisation (what the app's write pacer reads): idle and active ms.
        elu: performance.eventLoopUtilization(),
        handles: process.getActiveResourcesInfo().reduce<Record<string, number>>((acc, k) => ((acc[k] = (acc[k] ?? 0) + 1), acc), {}),
      });
      res.writeHead(200, { "content-type": "application/json" }).end(body);
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  server.listen(port, "127.0.0.1");
  server.unref();
}
