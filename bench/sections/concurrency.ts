// (3) How many simultaneous streams one process holds, RSS per stream, slow readers (backpressure)
// and disconnected clients.
import { performance } from "node:perf_hooks";
import { probe, startApp, treeRss, type App, type Stack } from "../lib/stack.ts";
import { mib, round, sleep, log } from "../lib/stats.ts";
import { newId, openStream, shoalRequest, type StreamResult } from "../lib/streams.ts";

export type ConcurrencyConfig = { levels: number[]; paceMs: number; rampPerSec: number; rssLimitMiB: number; freshAppPerLevel: boolean };

async function warm(app: App, cookie: string): Promise<void> {
  await Promise.all(Array.from({ length: 4 }, () => openStream(shoalRequest(app.url, cookie, "[[long:5]] [[slow:1]] warm"))));
}

/** Open `n` streams (ramped), wait until all stream or fail, then sample the server. */
async function holdLevel(app: App, cookie: string, n: number, cfg: ConcurrencyConfig) {
  await warm(app, cookie);
  await sleep(500);
  const idle = await probe(app, "?gc=1");
  const idleTree = treeRss(app.pid);
  const rampMs = (n / cfg.rampPerSec) * 1000;
  // Long enough to outlive the ramp and the measurement.
  const tokens = Math.ceil((rampMs + 60_000) / cfg.paceMs);
  let opened = 0;
  const results: Promise<StreamResult>[] = [];
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const due = t0 + (i / cfg.rampPerSec) * 1000;
    if (due > performance.now()) await sleep(due - performance.now());
    const req = shoalRequest(app.url, cookie, `[[long:${tokens}]] [[slow:${cfg.paceMs}]] hold ${i}`);
    results.push(openStream({ ...req, timeoutMs: 300_000, onStart: () => opened++ }));
  }
  const settled: StreamResult[] = [];
  results.forEach((p) => p.then((r) => settled.push(r)));
  // Wait until every stream has started (or failed), bounded.
  const startLimitMs = Math.max(60_000, rampMs * 3 + 45_000);
  const deadline = performance.now() + startLimitMs;
  while (opened + settled.length < n && performance.now() < deadline) await sleep(200);
  await sleep(Math.max(2000, cfg.paceMs * 3));
  const openMs = performance.now() - t0;
  const live = await probe(app, "?gc=1");
  const liveTree = treeRss(app.pid);
  const early = settled.filter((r) => !r.ok);
  const notStarted = n - opened - settled.length;
  const errors = early.length + Math.max(0, notStarted);
  const row = {
    streams: n,
    errors,
    errorSample: early[0]?.error ?? (notStarted > 0 ? `${notStarted} not started within ${Math.round(startLimitMs / 1000)} s` : undefined),
    rampSeconds: round(openMs / 1000, 1),
    idleRssMiB: round(mib(idleTree)),
    rssMiB: round(mib(liveTree)),
    rssPerStreamKiB: round((liveTree - idleTree) / 1024 / n),
    heapUsedMiB: round(mib(live.heapUsed)),
    heapPerStreamKiB: round((live.heapUsed - idle.heapUsed) / 1024 / n),
    loopDelayP99Ms: round(live.loopDelayP99Ms),
    withinGoal: errors === 0 && mib(liveTree) <= cfg.rssLimitMiB,
  };
  log(`concurrency ${n}: errors ${errors}, RSS ${row.rssMiB} MiB (${row.rssPerStreamKiB} KiB/stream), ramp ${row.rampSeconds}s`);
  return { row, results };
}

export async function runConcurrency(stack: Stack, cfg: ConcurrencyConfig) {
  const levels = [];
  let app = stack.app;
  for (const n of cfg.levels) {
    if (cfg.freshAppPerLevel) {
      // A fresh process per level so RSS is not inherited from the level before.
      if (app !== stack.app) await app.stop();
      app = await startApp({ databaseUrl: stack.db.url, deepseekUrl: stack.emulator.url });
    }
    const { row } = await holdLevel(app, stack.cookie, n, cfg);
    levels.push(row);
    if (app !== stack.app) await app.stop();
    else await stopAll(stack);
    if (!row.withinGoal) break;
  }
  const best = levels.filter((l) => l.withinGoal).at(-1);
  return { method: { ...cfg, provider: stack.provider }, levels, maxStreamsWithinGoal: best?.streams ?? 0 };
}

/** Stop every running answer of the bench user (shared app between levels). */
async function stopAll(stack: Stack): Promise<void> {
  const running = await stack.db.db.message.findMany({ where: { status: "streaming" }, select: { chatId: true } });
  await Promise.all(
    running.map((m) => fetch(`${stack.app.url}/api/chat/${m.chatId}/stop`, { method: "POST", headers: { cookie: stack.cookie } }).then((r) => r.arrayBuffer())),
  );
  await waitIdle(stack, 30_000);
}

async function waitIdle(stack: Stack, timeoutMs: number): Promise<number> {
  const t0 = performance.now();
  while (performance.now() - t0 < timeoutMs) {
    if ((await stack.db.db.message.count({ where: { status: "streaming" } })) === 0) return performance.now() - t0;
    await sleep(100);
  }
  return NaN;
}

/**
 * Slow readers: the same long answers once read normally and once by clients that stop reading
 * after a few tokens. Answers are server-owned and buffered in full (generations/buffer.ts), so
 * memory follows answer length either way; what must not happen is extra growth per slow reader.
 */
export async function runBackpressure(stack: Stack, opts: { streams: number; tokens: number; disconnects: number }) {
  const app = stack.app;
  await warm(app, stack.cookie);
  const text = `[[long:${opts.tokens}]] [[slow:1]] backpressure`;
  const measure = async (mode: "reading" | "paused") => {
    await sleep(500);
    const before = await probe(app, "?gc=1");
    const beforeTree = treeRss(app.pid);
    let peakTree = beforeTree;
    const timer = setInterval(() => (peakTree = Math.max(peakTree, treeRss(app.pid))), 250);
    const cut = new AbortController();
    const runs = Array.from({ length: opts.streams }, () =>
      openStream({
        ...shoalRequest(app.url, stack.cookie, text),
        timeoutMs: 300_000,
        signal: cut.signal,
        ...(mode === "paused" ? { pauseAfter: 5, pauseMs: 600_000 } : {}),
      }),
    );
    // For paused clients: wait until the server finished generating, then sample before they resume.
    await sleep(1000);
    const genMs = await waitIdle(stack, 120_000);
    const atEnd = await probe(app, "?gc=1");
    clearInterval(timer);
    const tokens = opts.streams * opts.tokens;
    const result = {
      heapBaseline: before.heapUsed,
      mode,
      streams: opts.streams,
      tokensPerAnswer: opts.tokens,
      generationSeconds: round((genMs + 1000) / 1000, 1),
      heapGrowthMiB: round(mib(atEnd.heapUsed - before.heapUsed)),
      heapBytesPerToken: round((atEnd.heapUsed - before.heapUsed) / tokens),
      peakRssGrowthMiB: round(mib(peakTree - beforeTree)),
    };
    // Paused clients never resume: they are cut off once measured.
    if (mode === "paused") cut.abort();
    const done = await Promise.all(runs);
    Object.assign(result, { clientErrors: done.filter((r) => !r.ok && r.error !== "aborted by the benchmark").length });
    log(`backpressure ${mode}: heap +${result.heapGrowthMiB} MiB (${result.heapBytesPerToken} B/token)`);
    return result;
  };
  const reading = await measure("reading");
  const paused = await measure("paused");

  // Finished answers stay in memory for a minute (resume window): measure what is retained.
  await sleep(500);
  const retained = await probe(app, "?gc=1");
  const baselineHeap = reading.heapBaseline;

  // Disconnected clients: the upstream request keeps running (server-owned answer) until the
  // answer ends, then the connection closes; Stop frees it at once.
  const upstream = () => stack.emulator.inflight();
  const n = opts.disconnects;
  const chatIds: string[] = [];
  await Promise.all(
    Array.from({ length: n }, () => {
      const chatId = newId("d");
      chatIds.push(chatId);
      return openStream({ ...shoalRequest(app.url, stack.cookie, `[[long:150]] [[slow:20]] disconnect`, chatId), disconnectAfter: 3 });
    }),
  );
  await sleep(300);
  const upstreamAfterDisconnect = (await upstream());
  const answersEndMs = await waitIdle(stack, 60_000);
  await sleep(300);
  const upstreamAfterEnd = (await upstream());
  const completed = await stack.db.db.message.count({ where: { chatId: { in: chatIds }, role: "assistant", status: "complete" } });

  const stopIds: string[] = [];
  await Promise.all(
    Array.from({ length: n }, () => {
      const chatId = newId("s");
      stopIds.push(chatId);
      return openStream({ ...shoalRequest(app.url, stack.cookie, `[[long:1000]] [[slow:20]] stop`, chatId), disconnectAfter: 3 });
    }),
  );
  const upstreamBeforeStop = (await upstream());
  const t0 = performance.now();
  await Promise.all(stopIds.map((id) => fetch(`${app.url}/api/chat/${id}/stop`, { method: "POST", headers: { cookie: stack.cookie } }).then((r) => r.arrayBuffer())));
  let stopFreeMs = NaN;
  while (performance.now() - t0 < 10_000) {
    if ((await upstream()) <= 0) {
      stopFreeMs = performance.now() - t0;
      break;
    }
    await sleep(20);
  }
  await waitIdle(stack, 10_000);
  const stopped = await stack.db.db.message.count({ where: { chatId: { in: stopIds }, role: "assistant", status: "stopped" } });
  return {
    method: { ...opts, provider: stack.provider },
    slowReaders: { reading, paused },
    retainedAfterEndMiB: round(mib(retained.heapUsed - baselineHeap)),
    disconnect: { clients: n, upstreamAfterDisconnect, answersEndMs: round(answersEndMs), upstreamAfterEnd, completed },
    stop: { clients: n, upstreamBeforeStop, allUpstreamClosedMs: round(stopFreeMs), stopped },
  };
}
