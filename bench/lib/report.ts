// Markdown report + SVG charts from the results object written by bench/run.ts.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { BATCH_WINDOW_MS, BUSY_ABOVE, IDLE_BELOW } from "../../lib/chat/generations/pacer.ts";
import { lineChart } from "./svg.ts";

/** When the app batches tokens (lib/chat/generations/pacer.ts), in the report's words. */
const BATCHING = `once the app's main thread has been more than ${BUSY_ABOVE * 100} % busy over a second (until it is less than ${IDLE_BELOW * 100} % busy), Shoal batches each answer's tokens after the first into one write per ${BATCH_WINDOW_MS} ms (\`lib/chat/generations/pacer.ts\`)`;

/* eslint-disable @typescript-eslint/no-explicit-any */
type R = Record<string, any>;

const GOALS = {
  addedP50: 3,
  addedP99: 20,
  streams: 2000,
  rssMiB: 1024,
};

const round1 = (x: number) => Math.round(x * 10) / 10;
const ok = (pass: boolean | undefined) => (pass === undefined ? "–" : pass ? "✅ met" : "❌ missed");
const n = (x: unknown, d = 1) => (typeof x === "number" && Number.isFinite(x) ? (Math.round(x * 10 ** d) / 10 ** d).toLocaleString("en-US") : "–");

function table(head: string[], rows: unknown[][]): string {
  return [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

export function renderReport(res: R): { markdown: string; charts: Record<string, string> } {
  const charts: Record<string, string> = {};
  const prefix = res.mode === "quick" ? "quick-" : "";
  const md: string[] = [];
  const m0 = res.machineAtStart;
  const m1 = res.machineAtEnd;
  md.push(`# Shoal benchmark report${res.mode === "quick" ? " (QUICK smoke run — small sizes, not the measurement; the latency, backpressure, database, client and cold-start sections share one database (and all but the cold start one app))" : ""}`);
  md.push("");
  md.push(`Run ${res.startedAt} → ${res.finishedAt} (${res.durationSeconds} s), \`npm run bench${res.mode === "quick" ? " -- --quick" : ""}\`.`);
  md.push("");
  md.push(`**Machine:** ${m0.cores} cores (${m0.cpu}), ${m0.memGiB} GiB RAM, Node ${m0.node}, ${m0.platform}. `);
  md.push(`**Load average (1/5/15 min):** at start ${m0.loadavg.join(" / ")}, at end ${m1.loadavg.join(" / ")}; per section below. The machine is shared, so every number is compared with a baseline taken in the same run.`);
  md.push("");
  if (res.runs?.length > 1) {
    md.push("This report merges runs (`--only` re-measures sections and keeps the rest):");
    md.push("");
    md.push(table(["run started (UTC)", "duration s", "sections", "load 1/5/15 at start", "at end"], res.runs.map((r: R) => [r.startedAt, r.durationSeconds, r.sections.join(", "), r.loadavgStart.join(" / "), r.loadavgEnd.join(" / ")])));
    md.push("");
  }
  if (res.failures?.length) md.push(`> ⚠️ Sections that failed: ${res.failures.join("; ")}\n`);

  // Headline
  const lat = res.latency;
  const short = lat?.levels?.filter((l: R) => !l.long);
  const top = short?.find((l: R) => l.concurrency === 100) ?? short?.at(-1);
  const longTop = lat?.levels?.find((l: R) => l.long);
  const label = (l: R) => (l.long ? `${l.concurrency} (${l.tokens}-token answers)` : String(l.concurrency));
  const conc = res.concurrency;
  const client = res.client;
  const clientAnswers: R[] = client?.answers ?? [];
  const clientLongTasks = clientAnswers.reduce((a: number, x: R) => a + x.streaming.longTasks, 0);
  // Reports since 2026-12-07's fifteenth session repeat each answer and give the median.
  const clientRuns = clientAnswers.some((a: R) => (a.runs?.length ?? 0) > 1);
  // Met in the median is not met in every run: the verdict says which.
  const clientVerdict = () => {
    const verdict = ok(clientAnswers.length ? clientLongTasks === 0 : undefined);
    const someRun = clientAnswers.some((a: R) => (a.runs ?? []).some((r: R) => r.streamingLongTasks > 0));
    return clientLongTasks === 0 && someRun ? `${verdict} in the median (not in every run)` : verdict;
  };
  md.push("## Headline: goals vs measured");
  md.push("");
  md.push(
    table(
      ["goal", "measured", "verdict"],
      [
        [`added TTFT p50 ≤ ${GOALS.addedP50} ms at 100 streams`, `${n(top?.addedTtft?.p50)} ms (${top?.tokens ?? 50}-token answers, ${n(top?.turnsPerSecond, 0)} new turns/s)${longTop ? `; ${n(longTop.addedTtft.p50)} ms (${longTop.tokens}-token answers, ${n(longTop.turnsPerSecond, 0)} new turns/s)` : ""}`, ok(top && top.addedTtft.p50 <= GOALS.addedP50)],
        [`added TTFT p99 ≤ ${GOALS.addedP99} ms at 100 streams`, `${n(top?.addedTtft?.p99)} ms${longTop ? `; ${n(longTop.addedTtft.p99)} ms (${longTop.tokens}-token answers)` : ""}`, ok(top && top.addedTtft.p99 <= GOALS.addedP99)],
        [
          `≥ ${GOALS.streams} simultaneous streams, 0 errors, within 1 GiB`,
          [conc, res["concurrency-idle"]].filter((c) => c?.levels).map((c: R) => `${n(c.maxStreamsWithinGoal, 0)} at ${round1(1000 / c.method.paceMs)} tok/s/stream (${n(c.levels.filter((l: R) => l.withinGoal).at(-1)?.rssMiB)} MiB)`).join("; ") || "–",
          ok(conc?.levels ? Math.max(conc.maxStreamsWithinGoal, res["concurrency-idle"]?.maxStreamsWithinGoal ?? 0) >= GOALS.streams : undefined),
        ],
        ["no long tasks > 50 ms while streaming", clientAnswers.length ? clientAnswers.map((a: R) => `${a.kind} at ${a.paceMs} ms/token: ${a.streaming.longTasks} long tasks${clientRuns ? ` (median; runs: ${a.runs.map((r: R) => r.streamingLongTasks).join(", ")})` : ` (longest ${n(a.streaming.longestTaskMs)} ms)`}, ${a.end.longTasks} as it ends`).join("; ") : "–", clientVerdict()],
        [
          "DB writes O(1) per turn (checkpoints ≤ 1/s, never per token)",
          res["db-sqlite"]?.scenarios ? res["db-sqlite"].scenarios.map((s: R) => `${s.statements} stmts / ${n(s.streamSeconds)} s / ${s.tokens} tok`).join("; ") : "–",
          ok(res["db-sqlite"]?.scenarios ? oOfOne(res["db-sqlite"].scenarios) : undefined),
        ],
      ],
    ),
  );
  md.push("");

  // 1 + 2
  if (lat?.levels) {
    md.push("## 1. Added time-to-first-token (Shoal vs emulator direct)");
    md.push("");
    md.push(
      `Method: closed loop of N concurrent clients (separate process, loopback, raw \`node:http\`), each sending back-to-back turns of ${lat.method.tokens} tokens ${longTop ? `(the last row instead: ${longTop.tokens}-token answers arriving at random, Poisson, at ${n(longTop.turnsPerSecond, 0)} turns/s, so ${longTop.concurrency} streams are live on average, the way a team's requests arrive; turns are counted after one answer-length of warm-up)` : ""} paced at ${lat.method.pacingMsPerToken} ms/token (50 tokens/s per stream), the closed loop's clients starting spread evenly over one answer's length (${n((lat.method.tokens * lat.method.pacingMsPerToken) / 1000, 1)} s) so that their turns keep arriving spread out rather than in bursts of N; once straight to the emulator (the same request \`@ai-sdk/deepseek\` sends), once through Shoal (signed in, \`POST /api/chat\`, new chat per turn, all DB writes, ${lat.method.provider}); alternating order, ${lat.method.rounds} round(s) × ${lat.method.roundMs / 1000} s per side and level. TTFT = request start → first answer-token event. Added = Shoal percentile − direct percentile in the same round; the table shows the median over rounds. Load at end of section: ${lat.loadavgAfter?.join(" / ")}.`,
    );
    md.push("");
    md.push(
      table(
        ["streams", "direct p50/p95/p99 ms", "Shoal p50/p95/p99 ms", "**added p50**", "added p95", "**added p99**", "turns (direct/Shoal)", "new turns/s", "errors"],
        lat.levels.map((l: R) => [
          label(l),
          `${n(l.directTtft.p50)} / ${n(l.directTtft.p95)} / ${n(l.directTtft.p99)}`,
          `${n(l.shoalTtft.p50)} / ${n(l.shoalTtft.p95)} / ${n(l.shoalTtft.p99)}`,
          `**${n(l.addedTtft.p50)}**`,
          n(l.addedTtft.p95),
          `**${n(l.addedTtft.p99)}**`,
          `${l.requests.direct} / ${l.requests.shoal}`,
          n(l.turnsPerSecond, 0),
          l.errors,
        ]),
      ),
    );
    md.push("");
    md.push(`Goal at 100 streams: added p50 ≤ ${GOALS.addedP50} ms, p99 ≤ ${GOALS.addedP99} ms → p50 ${ok(top.addedTtft.p50 <= GOALS.addedP50)}, p99 ${ok(top.addedTtft.p99 <= GOALS.addedP99)}.`);
    md.push("");
    md.push(`![Added TTFT vs concurrency](${prefix}added-ttft.svg)`);
    md.push("");
    charts["added-ttft.svg"] = lineChart({
      title: "Added time-to-first-token (Shoal − direct)",
      xLabel: "concurrent streams",
      yLabel: "ms",
      logX: true,
      series: [
        { name: "added p50", color: "#2563eb", points: short.map((l: R) => [l.concurrency, l.addedTtft.p50]) },
        { name: "added p95", color: "#f59e0b", points: short.map((l: R) => [l.concurrency, l.addedTtft.p95]) },
        { name: "added p99", color: "#dc2626", points: short.map((l: R) => [l.concurrency, l.addedTtft.p99]) },
      ],
      goal: { y: GOALS.addedP99, label: "p99 goal 20 ms" },
    });

    const phased = lat.levels.filter((l: R) => l.phases);
    if (phased.length) {
      const traceCost = lat.profile?.byPackage?.find((p: R) => p.name === "bench/lib/turn-trace.ts");
      md.push("### Where Shoal's time to first token goes");
      md.push("");
      md.push(
        `The same turns through Shoal, each followed inside the app process by the benchmark's probe (\`bench/lib/turn-trace.ts\`, from Node's and undici's diagnostics channels, matched by the turn's \`x-request-id\`), split into six phases that add up to its TTFT: **connect** (request start → the app accepts the connection: the client's connect, then the app's event loop getting to it; 0 on a connection kept from an earlier request), **read** (→ the request's headers parsed), **work** (→ the request to DeepSeek sent: routing, session, the user's, chat's and budget's reads, limits, building the request, and a new connection to DeepSeek when none is free), **DeepSeek** (→ its first answer token read by the app: the emulator's pace of one token per 20 ms, then the app's event loop getting to it), **relay** (→ the token written to the response: the provider's stream stages and Shoal's relay) and **deliver** (→ the client has it). Each cell is the phase's p50 (p99) over the round's turns, median over rounds, so the cells do not add up to the TTFT p50 exactly. Event-loop delay = how late the app's main thread ran a timer during the round (p99).${traceCost ? ` The tracing is part of what is measured: ${n(traceCost.pctOfBusy)} % of the main thread's busy time in the profiled 100-stream round (\`bench/lib/turn-trace.ts\` in the profile below).` : ""}`,
      );
      md.push("");
      const cell = (l: R, k: string) => `${n(l.phases.p50[k])} (${n(l.phases.p99[k])})`;
      md.push(
        table(
          ["streams", "turns traced", "connect", "read", "**work**", "DeepSeek", "relay", "deliver", "Shoal TTFT p50 / direct p50", "event-loop delay p99 ms"],
          phased.map((l: R) => [
            label(l),
            `${l.phases.turns} of ${l.requests.shoal}`,
            cell(l, "connect"),
            cell(l, "read"),
            `**${cell(l, "work")}**`,
            cell(l, "upstream"),
            cell(l, "relay"),
            cell(l, "deliver"),
            `${n(l.shoalTtft.p50)} / ${n(l.directTtft.p50)}`,
            n(l.phases.loopDelayMs.p99),
          ]),
        ),
      );
      md.push("");
    }

    md.push("## 2. Inter-token delay and throughput");
    md.push("");
    md.push(`Same runs. Gap = time between consecutive answer-token events at the client; throughput = answer tokens received per second of wall time, all streams together. Under load, ${BATCHING}, so the gap includes up to ${BATCH_WINDOW_MS} ms of batching by design.`);
    md.push("");
    md.push(
      table(
        ["streams", "gap p50 direct/Shoal ms", "gap p99 direct ms", "gap p99 Shoal ms", "**added gap p99**", "tokens/s direct", "tokens/s Shoal", "Shoal/direct"],
        lat.levels.map((l: R) => [label(l), `${n(l.gapP50.direct)} / ${n(l.gapP50.shoal)}`, n(l.gapP99.direct), n(l.gapP99.shoal), `**${n(l.gapP99.added)}**`, n(l.tokensPerSec.direct, 0), n(l.tokensPerSec.shoal, 0), n(l.tokensPerSec.ratio, 2)]),
      ),
    );
    md.push("");
    if (lat.levels.some((l: R) => l.cpu)) {
      md.push("CPU the Shoal process used in the same rounds (from /proc, all threads and the main thread; contention on this shared machine changes these far less than the latencies):");
      md.push("");
      md.push(
        table(
          ["streams", "CPU ms per turn (all threads)", "main thread ms per turn", "cores busy (all)", "main thread busy"],
          lat.levels.filter((l: R) => l.cpu).map((l: R) => [label(l), n(l.cpu.msPerTurn), n(l.cpu.mainMsPerTurn), n(l.cpu.cores, 2), `${n(l.cpu.mainCores * 100, 0)} %`]),
        ),
      );
      md.push("");
    }
    if (lat.steady) {
      const st = lat.steady;
      md.push(
        `Relay cost per token: ${st.streams} answers streaming at 50 tokens/s each, CPU read over ${n(st.windowMs / 1000, 1)} s in which no turn started or ended (${st.streamsThroughWindow} of ${st.streams} streams spanned the whole window, ${st.errors} errors). **${n(st.mainUsPerToken)} µs of main-thread CPU per relayed token** (${n(st.usPerToken)} µs all threads) at ${n(st.tokensPerSec, 0)} tokens/s, main thread ${n(st.mainCores * 100, 0)} % busy${st.eventLoopUtilization != null ? ` (event-loop utilisation ${n(st.eventLoopUtilization * 100, 0)} %)` : ""}: one process relays at most ≈ ${n(st.ceilingTokensPerSec, 0)} tokens/s (one main thread, fully busy, doing nothing else), ≈ ${n(st.ceilingTokensPerSec / 50, 0)} answers at DeepSeek's pace. Turns add their own cost on top (table above). Measured as it runs in production: ${BATCHING}.`,
      );
      md.push("");
    }
    if (lat.profile) {
      md.push(`CPU profile of the Shoal process during the last ${top?.concurrency}-stream round (${lat.profile.busyMs} ms busy of ${lat.profile.wallMs} ms sampled; \`bench/results/${prefix}latency-100.cpuprofile\`, not committed; open in Chrome DevTools):`);
      md.push("");
      md.push(table(["where (self time)", "ms", "% of busy"], lat.profile.byPackage.slice(0, 12).map((p: R) => [p.name, p.ms, p.pctOfBusy])));
      md.push("");
      md.push("<details><summary>top functions</summary>\n");
      md.push(table(["function", "ms", "% of busy"], lat.profile.byFunction.slice(0, 15).map((p: R) => [`\`${p.name}\``, p.ms, p.pctOfBusy])));
      md.push("\n</details>\n");
    }
  }

  // 3
  const idle = res["concurrency-idle"];
  const concTable = (c: R, title: string) => {
    md.push(`### ${title}`);
    md.push("");
    md.push(
      `Method: N streams opened at ${c.method.rampPerSec}/s against ${c.method.freshAppPerLevel ? "a fresh app process per level" : "one app process"} (${c.method.provider}); each answer is paced at ${c.method.paceMs} ms/token (${round1(1000 / c.method.paceMs)} tokens/s per stream, ${round1((1000 / c.method.paceMs) * (c.levels.at(-1)?.streams ?? 0))} tokens/s in total at the last level) and long enough to outlive the ramp. Once every stream has started (its \`start\` event arrived), RSS of the app process tree (/proc) and V8 heap after a forced GC are sampled. Errors = non-200, error events, early ends, or streams that had not started within the time limit. Stops at the first level with errors or RSS over ${c.method.rssLimitMiB} MiB. Load at end: ${c.loadavgAfter?.join(" / ")}.`,
    );
    md.push("");
    md.push(
      table(
        ["streams", "errors", "open all s", "idle RSS MiB", "RSS MiB", "RSS/stream KiB", "heap MiB", "heap/stream KiB", "event-loop delay p99 ms", "within goal"],
        c.levels.map((l: R) => [l.streams, l.errors + (l.errorSample ? ` (${String(l.errorSample).slice(0, 60)})` : ""), n(l.rampSeconds), n(l.idleRssMiB), n(l.rssMiB), n(l.rssPerStreamKiB), n(l.heapUsedMiB), n(l.heapPerStreamKiB), n(l.loopDelayP99Ms), l.withinGoal ? "yes" : "no"]),
      ),
    );
    md.push("");
  };
  if (conc?.levels || idle?.levels) {
    md.push("## 3. Concurrency and memory");
    md.push("");
    if (conc?.levels) concTable(conc, "Streams that keep streaming");
    if (idle?.levels) concTable(idle, "Nearly idle streams (memory per held stream)");
    const all = [conc, idle].filter((c) => c?.levels);
    const maxOk = Math.max(...all.map((c: R) => c.maxStreamsWithinGoal));
    md.push(`Goal: ≥ ${GOALS.streams} streams with 0 errors within 1 GiB → ${ok(maxOk >= GOALS.streams)} (highest level within goal: ${maxOk}).`);
    md.push("");
    md.push(`![RSS vs concurrency](${prefix}rss.svg)`);
    md.push("");
    const series = [];
    if (conc?.levels) {
      series.push({ name: `RSS, ${round1(1000 / conc.method.paceMs)} tok/s per stream`, color: "#2563eb", points: conc.levels.map((l: R) => [l.streams, l.rssMiB] as [number, number]) });
      series.push({ name: `V8 heap, ${round1(1000 / conc.method.paceMs)} tok/s per stream`, color: "#16a34a", points: conc.levels.map((l: R) => [l.streams, l.heapUsedMiB] as [number, number]) });
    }
    if (idle?.levels) {
      series.push({ name: `RSS, ${round1(1000 / idle.method.paceMs)} tok/s per stream`, color: "#7c3aed", points: idle.levels.map((l: R) => [l.streams, l.rssMiB] as [number, number]) });
      series.push({ name: `V8 heap, ${round1(1000 / idle.method.paceMs)} tok/s per stream`, color: "#f59e0b", points: idle.levels.map((l: R) => [l.streams, l.heapUsedMiB] as [number, number]) });
    }
    charts["rss.svg"] = lineChart({ title: "App memory vs simultaneous streams", xLabel: "simultaneous streams", yLabel: "MiB", series, goal: { y: 1024, label: "1 GiB" } });
  }
  const bp = res.backpressure;
  if (bp?.slowReaders) {
    md.push("### Slow readers, disconnected clients, Stop");
    md.push("");
    md.push(
      `Method: ${bp.method.streams} answers of ${bp.method.tokens} tokens generated as fast as the emulator's timers allow, read normally vs by clients that stop reading after 5 tokens (socket paused, never resumed during the measurement). Heap is V8 heap after forced GC at the moment every answer has been generated, minus before. Answers are server-owned: each answer's SSE chunks are kept in memory (\`lib/chat/generations/buffer.ts\`) until it ends plus 60 s, whatever the reader does.`,
    );
    md.push("");
    const sr = bp.slowReaders;
    md.push(
      table(
        ["readers", "heap growth MiB", "heap bytes per generated token", "peak RSS growth MiB", "generation s"],
        [sr.reading, sr.paused].map((x: R) => [x.mode, n(x.heapGrowthMiB), n(x.heapBytesPerToken, 0), n(x.peakRssGrowthMiB), n(x.generationSeconds)]),
      ),
    );
    md.push("");
    md.push(`Heap still held after both runs ended (finished buffers are kept 60 s for resume): ${n(bp.retainedAfterEndMiB)} MiB above the starting heap.`);
    md.push("");
    md.push(
      `Disconnects: ${bp.disconnect.clients} clients dropped the connection after 3 tokens → upstream requests still open 0.3 s later: ${bp.disconnect.upstreamAfterDisconnect} (by design: the answer is server-owned and finishes; ${bp.disconnect.completed}/${bp.disconnect.clients} saved complete), open after the answers ended: ${bp.disconnect.upstreamAfterEnd}. Stop: ${bp.stop.clients} running answers stopped with \`POST /api/chat/:id/stop\` → all upstream requests closed after ${n(bp.stop.allUpstreamClosedMs)} ms; ${bp.stop.stopped}/${bp.stop.clients} saved as stopped. (Upstream requests counted in flight inside the emulator process.)`,
    );
    md.push("");
  }

  // 4
  const dbs = ["db-sqlite", "db-postgresql"].filter((k) => res[k]?.scenarios);
  if (dbs.length) {
    md.push("## 4. Database cost per chat turn");
    md.push("");
    md.push(
      "Method: one turn at a time in a new chat; statements counted and timed inside the app process by a preloaded probe that wraps the Prisma driver adapter's `performIO` (every SQL statement), plus BEGIN/COMMIT on libsql; PostgreSQL is cross-checked with the server's own `pg_stat_database` transaction counter. Includes the session's user lookup. Medians over repeats.",
    );
    md.push("");
    const rows: unknown[][] = [];
    for (const k of dbs) for (const s of res[k].scenarios) rows.push([k.slice(3), s.scenario, n(s.streamSeconds, 2), s.statements, s.pgTransactions ?? "–", n(s.dbMs), Object.entries(s.kinds).map(([a, b]) => `${a}×${b}`).join(", ")]);
    md.push(table(["db", "answer", "stream s", "statements", "PG xacts", "DB time ms", "statements by kind"], rows));
    md.push("");
    for (const k of dbs) {
      const h = res[k].withHistory;
      md.push(`- ${k.slice(3)}: a 10-token turn in a chat with ${h.historyMessages} earlier messages (${h.historyKiB} KiB of text): ${h.statements} statements, ${n(h.dbMs)} ms DB time (fresh chat: ${n(h.vsFreshChatDbMs)} ms) — every turn re-reads the whole message tree.`);
    }
    md.push("");
    md.push(`O(1) per turn: ${dbs.map((k) => `${k.slice(3)} ${ok(oOfOne(res[k].scenarios))}`).join(", ")} — statements grow with seconds of streaming (one checkpoint UPDATE per second with new text), not with tokens.`);
    md.push("");
    const loads = dbs.filter((k) => res[k].writeLoad);
    if (loads.length) {
      const w = res[loads[0]].writeLoad;
      md.push(
        `Write load: the database layer alone, in the benchmark process with the app's client setup (SQLite: its own thread and connection settings), ${w.writers} concurrent writers, ${n(w.turns, 0)} new chats' first turns (the chat, then the question and the answer's placeholder in one INSERT, in one transaction: on SQLite one call to its thread; then the answer's final UPDATE, as the chat route writes them).`,
      );
      md.push("");
      md.push(
        table(
          ["db", "turns/s", "CPU ms per turn (all threads)", "transaction p50 / p99 / max ms"],
          loads.map((k) => {
            const l = res[k].writeLoad;
            return [k.slice(3), n(l.turnsPerSecond, 0), n(l.cpuMsPerTurn, 2), `${n(l.transactionMs.p50, 2)} / ${n(l.transactionMs.p99, 2)} / ${n(l.transactionMs.max, 1)}`];
          }),
        ),
      );
      md.push("");
    }
  }

  // 5
  if (clientAnswers.length) {
    md.push("## 5. Client");
    md.push("");
    md.push(table(["page", "scripts", "first-load JS gzip KiB", "raw KiB", "HTML KiB"], client.firstLoadJs.map((b: R) => [b.page.replace(/chat\/.*/, "chat/[id]"), b.scripts, n(b.gzipKiB), n(b.rawKiB), n(b.htmlKiB)])));
    if (client.lazyJs) {
      md.push("");
      md.push(`Loaded on demand by the chat page of the streaming runs below, by the time the question is sent (the Markdown chunk, KaTeX, the code highlighter's worker and its languages; scripts the page loaded that are not in its HTML): ${client.lazyJs.scripts} scripts, ${n(client.lazyJs.gzipKiB)} KiB gzip (${n(client.lazyJs.rawKiB)} KiB raw).`);
    }
    md.push("");
    md.push("First-load JS = every `<script src>` the server-rendered page loads, read from `.next/static` and gzipped (level 9); since 2026-12-07's twelfth session without the `nomodule` polyfills, which a browser that runs modules does not download (39 KiB gzip, counted before).");
    md.push("");
    md.push(
      `Streaming in headless Chromium (\`/usr/bin/chromium\` via Playwright, 1280×900, software rendering): a chat with ${client.method.historyMessages} stored messages (${client.renderedAssistantMessages} assistant answers rendered, page loaded in ${client.chatLoadMs} ms, its answers rendered as Markdown after ${client.chatReadyMs} ms), then an answer streamed into it, in a fresh page and chat per run${(client.method.repeats ?? 1) > 1 ? `, ${client.method.repeats} runs per row: each number is the median of its row's runs, and the long tasks of each run are given beside them` : ""}: **words** is one paragraph of numbered words (the worst case for layout: one block that keeps growing), **markdown** is the emulator's Markdown sample (a heading, a table, a task list, a Python code block, display math; 50 tokens) repeated (code highlighting, tables and KaTeX, block after block). 2 ms per token is ten times DeepSeek's pace (~50 tokens/s), a worst case for rendering. The question is sent once the page has finished loading (the stored answers rendered as Markdown, whose chunk loads on demand, and the hidden sample answer the page then streams through the Markdown stack while idle, to warm it up, gone); long tasks before that are the page's start-up, shown apart. Long tasks from PerformanceObserver; frames from a requestAnimationFrame loop (dropped = frames missing at 60 Hz); **streaming** = send → the frame that shows the last token; last token → paint = from the network arrival of the last token (tee of the fetch body) to that frame; **end** = from that frame until the answer is saved as finished (its final render) plus ${n(clientAnswers[0].end.settleMs / 1000, 1)} s.`,
    );
    md.push("");
    md.push(
      table(
        ["answer", "tokens", "ms/token", "stream s", "long tasks > 50 ms", ...(clientRuns ? ["… per run"] : []), "total long-task ms", "longest ms", "dropped frames", "dropped %", "worst frame ms", "last token → paint ms", "end: long tasks (longest ms)", "end: dropped frames", "page start-up: long tasks (longest ms)"],
        clientAnswers.map((a: R) => {
          const s = a.streaming;
          return [a.kind, a.tokens.toLocaleString("en-US"), a.paceMs, n(s.streamSeconds), s.longTasks, ...(clientRuns ? [a.runs.map((r: R) => r.streamingLongTasks).join(" · ")] : []), n(s.longTaskTotalMs), n(s.longestTaskMs), s.droppedFrames, n(s.droppedPct), n(s.worstFrameMs), n(s.lastTokenToPaintMs), `${a.end.longTasks} (${n(a.end.longestTaskMs)})`, a.end.droppedFrames, `${a.pageLoad.longTasks} (${n(a.pageLoad.longestTaskMs)})`];
        }),
      ),
    );
    md.push("");
    md.push(`Goal: no long tasks while streaming → ${clientVerdict()}.`);
    md.push("");
    // Runs before 2026-12-07's twelfth session recorded only the start-up's long tasks.
    if (clientAnswers.some((a: R) => a.pageLoad.answersShownMs !== undefined)) {
      md.push(`Opening the chat of ${client.method.historyMessages} messages (the start-up of each row above, a fresh page in a fresh browser context, so without cached scripts; times from navigation start, in the page): **first paint** = first contentful paint; **answers shown** = when a stored answer was first on screen (the frame after the first that had one in the page, and not before the first paint); **formatted** = the same for all of them rendered as Markdown (the Markdown chunk loads on demand; an answer in the page's HTML is formatted already); long tasks until the question is sent. Since 2026-12-07's twelfth session a long chat's HTML holds its newest messages (before, only a chat of up to 40 did, and a longer one showed its messages once the page's scripts had run).`);
      md.push("");
      md.push(
        table(
          ["page load of row", "first paint ms", "answers shown ms", "formatted ms", "long tasks", "total long-task ms", "longest ms"],
          clientAnswers.map((a: R) => {
            const p = a.pageLoad;
            return [`${a.kind}, ${a.tokens.toLocaleString("en-US")}`, n(p.firstPaintMs), n(p.answersShownMs), n(p.formattedMs), p.longTasks, n(p.longTaskTotalMs), n(p.longestTaskMs)];
          }),
        ),
      );
      md.push("");
    }
  }

  // 6
  const sbs = ["sidebar-sqlite", "sidebar-postgresql"].filter((k) => res[k]?.sidebarApi);
  if (sbs.length) {
    md.push("## 6. Sidebar and search");
    md.push("");
    md.push(
      "Method: baseline with an empty account, then seeded with Prisma `createMany` (chats with `updatedAt` spread over time, messages with 40-word text parts, and since 2026-12-07's tenth session stored as the app stores them: a question's text part, an answer's step marker, 80-word reasoning and 40-word text, as with thinking on; runs since 2026-12-07 also give each of the user's teammates as many chats and messages, so the database holds the team's). Sidebar = `GET /api/chats?limit=50` (the sidebar's first page) and the server-rendered home page `/` (its layout renders the sidebar). Search: Shoal's search endpoint as the sidebar calls it (`GET /api/chats/search?q=`, signed in, through the app: chat titles, then the user's messages containing the term, newest chat first, 20 hits; `lib/db/queries/search.ts`): a common term, an absent term, and an absent two-character Chinese word (too short for PostgreSQL's trigram index: every message of the user's is read).",
    );
    md.push("");
    md.push(
      table(
        ["db", "user's chats / messages", "team's messages", "/api/chats p50 (empty → seeded) ms", "p95 seeded ms", "home page p50 (empty → seeded) ms", "search common p50 ms", "search absent p50 ms", "absent 2-char p50 ms", "2-char ms per 10k of the user's msgs"],
        sbs.map((k) => {
          const r = res[k];
          return [
            k.slice(8),
            `${r.method.chats.toLocaleString("en-US")} / ${r.search.messages.toLocaleString("en-US")}`,
            (r.search.teamMessages ?? r.search.messages).toLocaleString("en-US"),
            `${n(r.sidebarApi.emptyMs.p50)} → ${n(r.sidebarApi.loadedMs.p50)}`,
            n(r.sidebarApi.loadedMs.p95),
            `${n(r.chatHomePage.emptyMs.p50)} → ${n(r.chatHomePage.loadedMs.p50)}`,
            n(r.search.commonTermMs.p50),
            n(r.search.absentTermMs.p50),
            n(r.search.absentShortTermMs?.p50),
            n(r.search.absentShortMsPer10kMessages, 2),
          ];
        }),
      ),
    );
    md.push("");
  }

  // 7
  const cs = ["coldstart-sqlite", "coldstart-postgresql"].filter((k) => res[k]?.readyMs);
  if (cs.length) {
    md.push("## 7. Cold start to ready");
    md.push("");
    md.push("Method: what `npm start` runs — `node scripts/db-migrate.ts && next start` (without npm itself) — against a database whose migrations are already applied, from spawn until `GET /api/health` answers 200; baseline in the same run: `next start` alone. Median of repeats (alternating order).");
    md.push("");
    md.push(table(["db", "ready ms (migrate + start)", "next start alone ms", "migration check ms", "runs"], cs.map((k) => [k.slice(10), n(res[k].readyMs, 0), n(res[k].nextStartOnlyMs, 0), n(res[k].migrationCheckMs, 0), res[k].runs.withMigrate.length])));
    md.push("");
  }
  // The hand-written analysis of the full run (where time and memory go, what would fix it).
  const analysis = path.join(import.meta.dirname, "../analysis.md");
  if (res.mode !== "quick" && existsSync(analysis)) md.push(readFileSync(analysis, "utf8").trim(), "");
  md.push("---");
  md.push("Raw numbers: `latest.json` beside this file. Reproduce: `npx next build && npm run bench` (full, ~15 min) or `npm run bench -- --quick` (smoke, < 2 min).");
  return { markdown: md.join("\n") + "\n", charts };
}

/** Statements follow stream seconds (≤ ~1 per second + a constant), not tokens. */
function oOfOne(scenarios: R[]): boolean {
  const base = Math.min(...scenarios.map((s) => s.statements));
  return scenarios.every((s) => s.statements - base <= Math.ceil(s.streamSeconds) + 2);
}
