// (1) added time-to-first-token and (2) added inter-token delay + throughput: the same closed-loop
// load once straight at the emulator and once through Shoal, alternating, several rounds.
import { performance } from "node:perf_hooks";
import { summarizeProfile } from "../lib/profile.ts";
import { API_KEY, type Stack } from "../lib/stack.ts";
import { median, percentile, round, sleep, log } from "../lib/stats.ts";
import { directRequest, openStream, shoalRequest, type StreamResult } from "../lib/streams.ts";

export type LatencyConfig = { levels: number[]; rounds: number; roundMs: number; tokens: number };

type Sample = { results: StreamResult[]; wallMs: number };

/** `concurrency` workers each send requests back to back until `durationMs` is over. */
async function closedLoop(make: () => Parameters<typeof openStream>[0], concurrency: number, durationMs: number): Promise<Sample> {
  const results: StreamResult[] = [];
  const t0 = performance.now();
  const stagger = Math.min(1000, concurrency * 5);
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      await sleep((stagger * w) / concurrency);
      while (performance.now() - t0 < durationMs) results.push(await openStream({ ...make(), recordTimes: true, timeoutMs: 60_000 }));
    }),
  );
  return { results, wallMs: performance.now() - t0 };
}

type Summary = ReturnType<typeof summarize>;

function summarize(s: Sample) {
  const ok = s.results.filter((r) => r.ok);
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
  };
}

export async function runLatency(stack: Stack, cfg: LatencyConfig, profileFile?: string) {
  const text = `[[long:${cfg.tokens}]] benchmark`;
  const direct = () => directRequest(stack.emulator.url, API_KEY, text);
  const shoal = () => shoalRequest(stack.app.url, stack.cookie, text);
  // Warm-up: JIT, route modules, DB connections, the models cache.
  await closedLoop(shoal, 5, 3000);
  await closedLoop(direct, 5, 1000);

  const levels = [];
  for (const level of cfg.levels) {
    type Round = { direct: Summary; shoal: Summary; added: { p50: number; p95: number; p99: number; gapP99: number; throughputRatio: number } };
    const rounds: Round[] = [];
    for (let r = 0; r < cfg.rounds; r++) {
      const order = r % 2 === 0 ? (["direct", "shoal"] as const) : (["shoal", "direct"] as const);
      const got: Record<string, Summary> = {};
      for (const which of order) {
        // Profile Shoal once, in the last round at the highest concurrency.
        const profiling = profileFile && which === "shoal" && level === cfg.levels.at(-1) && r === cfg.rounds - 1;
        if (profiling) await fetch(`${stack.app.probeUrl}/profile/start`);
        got[which] = summarize(await closedLoop(which === "direct" ? direct : shoal, level, cfg.roundMs));
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
      log(`latency c=${level} round ${r + 1}: added TTFT p50 ${round(s.ttft.p50 - d.ttft.p50)} ms, p99 ${round(s.ttft.p99 - d.ttft.p99)} ms; errors ${s.errors}/${s.requests}`);
    }
    const med = (f: (x: Round) => number) => round(median(rounds.map(f)), 2);
    levels.push({
      concurrency: level,
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
    });
  }
  const profile = profileFile ? summarizeProfile(profileFile) : undefined;
  return { method: { ...cfg, provider: stack.provider, pacingMsPerToken: 20 }, levels, profile };
}
