// (1) added time-to-first-token and (2) added inter-token delay + throughput: the same closed-loop
// load once straight at the emulator and once through Shoal, alternating, several rounds.
import { performance } from "node:perf_hooks";
import { summarizeProfile } from "../lib/profile.ts";
import { API_KEY, probe, treeCpu, type Stack } from "../lib/stack.ts";
import { median, percentile, round, sleep, log } from "../lib/stats.ts";
import { closedLoop, directRequest, newId, openStream, shoalRequest, type LoopSample, type StreamOptions, type StreamResult } from "../lib/streams.ts";
import { TURN_ID_PREFIX, type TurnTrace } from "../lib/turn-trace.ts";

// The emulator's pace in the latency stack (bench/run.ts starts it at 20 ms per token = 50 tokens/s).
const PACING_MS = 20;

export type LatencyConfig = {
  levels: number[];
  rounds: number;
  roundMs: number;
  tokens: number;
  /** One more level with long answers arriving at random (open loop): the same number of live streams, far fewer new turns per second. */
  long?: { concurrency: number; tokens: number; roundMs: number };
  /** CPU per relayed token while this many answers stream and none starts or ends (see steadyRelay). */
  steady?: { streams: number; windowMs: number };
};

type Sample = LoopSample & {
  cpu?: { totalMs: number; mainMs: number };
  /** Shoal's side of its turns (bench/lib/turn-trace.ts), by request id, and its event loop's delay. */
  traced?: { turns: Record<string, TurnTrace>; loopDelayMs: { p50: number; p99: number; max: number } };
};

/**
 * Where a turn's time to first token goes, from the load generator's start and first token and the
 * app's trace of the same turn. Both are epoch ms on this machine, each process's wall clock as it
 * read it at start plus its monotonic clock (a clock step between the two starts would shift
 * connect and deliver). The six phases add up to the turn's TTFT.
 */
export const PHASES = ["connect", "read", "work", "upstream", "relay", "deliver"] as const;
type Phase = (typeof PHASES)[number];

export function turnPhases(r: StreamResult, t: TurnTrace | undefined): Record<Phase, number> | undefined {
  if (!r.ok || !t || t.asked === undefined || t.answered === undefined || t.written === undefined) return undefined;
  return {
    // the client's connect and the app's event loop getting to the new connection (0 on a kept one)
    connect: t.accepted === undefined ? 0 : t.accepted - r.startEpoch,
    // the request's bytes read and its headers parsed
    read: t.arrived - (t.accepted ?? r.startEpoch),
    // the turn's work until the request to DeepSeek is sent: routing, session, reads, limits, the
    // request, and a connection to DeepSeek if none is free
    work: t.asked - t.arrived,
    // DeepSeek (the emulator) to its first token, and the app's loop reading it
    upstream: t.answered - t.asked,
    // the token through the provider's stream stages to the response
    relay: t.written - t.answered,
    // from the app's write to the client reading it
    deliver: r.startEpoch + r.ttft - t.written,
  };
}

/**
 * Turns arriving at random (Poisson) at `ratePerSec`, each streaming its whole answer: with answers
 * of T seconds, rate × T streams are live on average (Little's law) without the synchronised bursts
 * of a closed loop. Only turns started after `warmMs` (once the streams have built up) are counted.
 */
async function openLoop(make: () => StreamOptions, ratePerSec: number, warmMs: number, durationMs: number): Promise<Sample> {
  const results: StreamResult[] = [];
  const pending: Promise<void>[] = [];
  const t0 = performance.now();
  const measureFrom = t0 + warmMs;
  for (let due = t0; due < measureFrom + durationMs; due += (-Math.log(1 - Math.random()) * 1000) / ratePerSec) {
    if (due > performance.now()) await sleep(due - performance.now());
    const counted = due >= measureFrom;
    pending.push(openStream({ ...make(), recordTimes: true, timeoutMs: 120_000 }).then((r) => void (counted && results.push(r))));
  }
  await Promise.all(pending);
  return { results, wallMs: durationMs, started: pending.length, elapsedMs: performance.now() - t0 };
}

/**
 * The relay's cost per token alone: `streams` answers long enough to outlive the window stream at
 * the emulator's pace, and the app's CPU is read over a window in which no turn starts or ends
 * (after every stream has started and passed its first checkpoint). CPU per relayed token sets how
 * many tokens per second one process can relay at most, whatever the turn rate.
 */
async function steadyRelay(stack: Stack, streams: number, windowMs: number) {
  const settleMs = streams * 10 + 2_000;
  const tokens = Math.ceil((settleMs + windowMs + 1_000) / PACING_MS);
  const runs = Array.from({ length: streams }, (_, i) =>
    sleep(i * 10).then(() => openStream({ ...shoalRequest(stack.app.url, stack.cookie, `[[long:${tokens}]] benchmark`), recordTimes: true, timeoutMs: 120_000 })),
  );
  await sleep(settleMs);
  const eluBefore = (await probe(stack.app)).elu;
  const before = treeCpu(stack.app.pid);
  const t0 = performance.now();
  await sleep(windowMs);
  const after = treeCpu(stack.app.pid);
  const t1 = performance.now();
  const eluAfter = (await probe(stack.app)).elu;
  const active = eluAfter.active - eluBefore.active;
  const results = await Promise.all(runs);
  const relayed = results.reduce((a, r) => a + r.times.filter((t) => t >= t0 && t < t1).length, 0);
  const inWindow = results.filter((r) => r.start < t0 && r.end > t1).length;
  const tokensPerSec = relayed / ((t1 - t0) / 1000);
  const usPerToken = ((after.totalMs - before.totalMs) * 1000) / Math.max(1, relayed);
  const mainUsPerToken = ((after.mainMs - before.mainMs) * 1000) / Math.max(1, relayed);
  return {
    streams,
    windowMs: round(t1 - t0),
    streamsThroughWindow: inWindow,
    errors: results.filter((r) => !r.ok).length,
    tokensPerSec: round(tokensPerSec),
    usPerToken: round(usPerToken, 1),
    mainUsPerToken: round(mainUsPerToken, 1),
    mainCores: round((after.mainMs - before.mainMs) / (t1 - t0), 2),
    // The share of the window the main thread's event loop was running code: the write pacer's measure.
    eventLoopUtilization: round(active / (active + eluAfter.idle - eluBefore.idle), 2),
    // One main thread, fully busy, relaying nothing else.
    ceilingTokensPerSec: round(1e6 / mainUsPerToken),
  };
}

type Summary = ReturnType<typeof summarize>;

function summarize(s: Sample) {
  const turns = Math.max(1, s.started);
  const ok = s.results.filter((r) => r.ok);
  const phased = s.traced ? ok.map((r) => turnPhases(r, s.traced!.turns[r.requestId ?? ""])).filter((p) => p !== undefined) : [];
  const phases = phased.length
    ? {
        traced: phased.length,
        p50: Object.fromEntries(PHASES.map((k) => [k, percentile(phased.map((p) => p[k]), 50)])) as Record<Phase, number>,
        p99: Object.fromEntries(PHASES.map((k) => [k, percentile(phased.map((p) => p[k]), 99)])) as Record<Phase, number>,
        loopDelayMs: s.traced?.loopDelayMs,
      }
    : undefined;
  const ttft = ok.map((r) => r.ttft);
  const gaps = ok.flatMap((r) => r.times.slice(1).map((t, i) => t - r.times[i]));
  const tokens = s.results.reduce((a, r) => a + r.tokens, 0);
  return {
    requests: s.results.length,
    errors: s.results.length - ok.length,
    errorSample: s.results.find((r) => !r.ok)?.error,
    ttft: { p50: percentile(ttft, 50), p95: percentile(ttft, 95), p99: percentile(ttft, 99) },
    gapP99: percentile(gaps, 99),
    gapP50: percentile(gaps, 50),
    tokensPerSec: tokens / (s.wallMs / 1000),
    // The app process's CPU time over the round (all threads / main thread), per turn and in cores.
    cpuMsPerTurn: s.cpu ? s.cpu.totalMs / turns : NaN,
    mainCpuMsPerTurn: s.cpu ? s.cpu.mainMs / turns : NaN,
    cores: s.cpu ? s.cpu.totalMs / s.elapsedMs : NaN,
    mainCores: s.cpu ? s.cpu.mainMs / s.elapsedMs : NaN,
    phases,
  };
}

/** Each phase's p50 and p99, and the loop's delay, as the median over the rounds that traced turns. */
function phasesOf(rounds: Summary["phases"][]) {
  const traced = rounds.filter((p) => p !== undefined);
  if (!traced.length) return undefined;
  const med = (f: (p: NonNullable<Summary["phases"]>) => number | undefined) => round(median(traced.map(f).filter((v): v is number => v !== undefined)), 2);
  return {
    turns: traced.reduce((a, p) => a + p.traced, 0),
    p50: Object.fromEntries(PHASES.map((k) => [k, med((p) => p.p50[k])])) as Record<Phase, number>,
    p99: Object.fromEntries(PHASES.map((k) => [k, med((p) => p.p99[k])])) as Record<Phase, number>,
    loopDelayMs: { p50: med((p) => p.loopDelayMs?.p50), p99: med((p) => p.loopDelayMs?.p99), max: med((p) => p.loopDelayMs?.max) },
  };
}

export async function runLatency(stack: Stack, cfg: LatencyConfig, profileFile?: string) {
  // Every question carries a turn id (the same length both ways): through Shoal it is also the
  // request's x-request-id, which the app's probe traces (bench/lib/turn-trace.ts).
  const text = (tokens: number, id: string) => `[[long:${tokens}]] benchmark ${id}`;
  const direct = (tokens: number) => () => directRequest(stack.emulator.url, API_KEY, text(tokens, newId(TURN_ID_PREFIX)));
  const shoal = (tokens: number) => () => {
    const id = newId(TURN_ID_PREFIX);
    return { ...shoalRequest(stack.app.url, stack.cookie, text(tokens, id)), requestId: id };
  };
  const traces = async () => (await fetch(`${stack.app.probeUrl}/turns`)).json() as Promise<NonNullable<Sample["traced"]>>;
  const measure = async (which: "direct" | "shoal", level: number, tokens: number, roundMs: number, open: boolean): Promise<Sample> => {
    const make = which === "direct" ? direct(tokens) : shoal(tokens);
    const answerMs = tokens * PACING_MS;
    const load = () => (open ? openLoop(make, (level * 1000) / answerMs, answerMs, roundMs) : closedLoop(make, level, roundMs, answerMs));
    if (which === "direct") return load();
    await traces(); // starts a new collection
    const before = treeCpu(stack.app.pid);
    const sample = await load();
    const after = treeCpu(stack.app.pid);
    return { ...sample, cpu: { totalMs: after.totalMs - before.totalMs, mainMs: after.mainMs - before.mainMs }, traced: await traces() };
  };
  // Warm-up: JIT, route modules, DB connections, the models cache.
  const warmCycleMs = cfg.tokens * PACING_MS;
  await closedLoop(shoal(cfg.tokens), 5, 3000, warmCycleMs);
  await closedLoop(direct(cfg.tokens), 5, 1000, warmCycleMs);

  const levels = [];
  const plan = [
    ...cfg.levels.map((concurrency) => ({ concurrency, tokens: cfg.tokens, roundMs: cfg.roundMs, long: false })),
    ...(cfg.long ? [{ ...cfg.long, long: true }] : []),
  ];
  for (const { concurrency: level, tokens, roundMs, long } of plan) {
    type Round = { direct: Summary; shoal: Summary; added: { p50: number; p95: number; p99: number; gapP99: number; throughputRatio: number } };
    const rounds: Round[] = [];
    for (let r = 0; r < cfg.rounds; r++) {
      const order = r % 2 === 0 ? (["direct", "shoal"] as const) : (["shoal", "direct"] as const);
      const got: Record<string, Summary> = {};
      for (const which of order) {
        // Profile Shoal once, in the last round at the highest concurrency.
        const profiling = profileFile && which === "shoal" && !long && level === cfg.levels.at(-1) && r === cfg.rounds - 1;
        if (profiling) await fetch(`${stack.app.probeUrl}/profile/start`);
        got[which] = summarize(await measure(which, level, tokens, roundMs, long));
        if (profiling) await fetch(`${stack.app.probeUrl}/profile/stop?file=${encodeURIComponent(profileFile)}`);
        await sleep(300);
      }
      const d = got.direct;
      const s = got.shoal;
      rounds.push({
        direct: d,
        shoal: s,
        added: {
          p50: s.ttft.p50 - d.ttft.p50,
          p95: s.ttft.p95 - d.ttft.p95,
          p99: s.ttft.p99 - d.ttft.p99,
          gapP99: s.gapP99 - d.gapP99,
          throughputRatio: s.tokensPerSec / d.tokensPerSec,
        },
      });
      log(`latency c=${level}${long ? ` (${tokens}-token answers)` : ""} round ${r + 1}: added TTFT p50 ${round(s.ttft.p50 - d.ttft.p50)} ms, p99 ${round(s.ttft.p99 - d.ttft.p99)} ms; errors ${s.errors}/${s.requests}`);
    }
    const med = (f: (x: Round) => number) => round(median(rounds.map(f)), 2);
    levels.push({
      concurrency: level,
      tokens,
      long,
      turnsPerSecond: round(rounds.reduce((a, x) => a + x.shoal.requests, 0) / ((rounds.length * roundMs) / 1000), 1),
      arrivals: long ? "open loop (Poisson)" : "closed loop",
      cpu: {
        msPerTurn: med((x) => x.shoal.cpuMsPerTurn),
        mainMsPerTurn: med((x) => x.shoal.mainCpuMsPerTurn),
        cores: med((x) => x.shoal.cores),
        mainCores: med((x) => x.shoal.mainCores),
      },
      rounds: rounds.length,
      requests: { direct: rounds.reduce((a, x) => a + x.direct.requests, 0), shoal: rounds.reduce((a, x) => a + x.shoal.requests, 0) },
      errors: rounds.reduce((a, x) => a + x.shoal.errors + x.direct.errors, 0),
      errorSample: rounds.map((x) => x.shoal.errorSample ?? x.direct.errorSample).find(Boolean),
      directTtft: { p50: med((x) => x.direct.ttft.p50), p95: med((x) => x.direct.ttft.p95), p99: med((x) => x.direct.ttft.p99) },
      shoalTtft: { p50: med((x) => x.shoal.ttft.p50), p95: med((x) => x.shoal.ttft.p95), p99: med((x) => x.shoal.ttft.p99) },
      addedTtft: { p50: med((x) => x.added.p50), p95: med((x) => x.added.p95), p99: med((x) => x.added.p99) },
      gapP99: { direct: med((x) => x.direct.gapP99), shoal: med((x) => x.shoal.gapP99), added: med((x) => x.added.gapP99) },
      gapP50: { direct: med((x) => x.direct.gapP50), shoal: med((x) => x.shoal.gapP50) },
      tokensPerSec: { direct: med((x) => x.direct.tokensPerSec), shoal: med((x) => x.shoal.tokensPerSec), ratio: med((x) => x.added.throughputRatio) },
      phases: phasesOf(rounds.map((x) => x.shoal.phases)),
    });
  }
  const profile = profileFile ? summarizeProfile(profileFile) : undefined;
  const steady = cfg.steady ? await steadyRelay(stack, cfg.steady.streams, cfg.steady.windowMs) : undefined;
  if (steady) log(`latency steady relay, ${steady.streams} streams: ${steady.mainUsPerToken} µs of main-thread CPU per token (${steady.usPerToken} µs all threads), ${steady.tokensPerSec} tokens/s`);
  return { method: { ...cfg, provider: stack.provider, pacingMsPerToken: PACING_MS }, levels, profile, steady };
}
