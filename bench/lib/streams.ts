// The load generator's streaming client: raw node:http (cheaper than fetch at thousands of
// sockets), SSE split into events, one timestamp per token event.
import http from "node:http";
import { performance } from "node:perf_hooks";
import { sleep } from "./stats.ts";

const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
let seq = 0;
export const newId = (p: string) => `${p}${process.pid.toString(36)}${Date.now().toString(36)}${(seq++).toString(36)}`;

export type StreamResult = {
  status: number;
  ok: boolean;
  error?: string;
  start: number;
  /** the same moment as epoch ms (performance.timeOrigin + start), comparable with the app's turn traces */
  startEpoch: number;
  /** the `x-request-id` the request carried (a tagged turn, see bench/lib/turn-trace.ts) */
  requestId?: string;
  /** ms from request start to the first answer token */
  ttft: number;
  /** ms from request start to the response headers (the route has done its work and returned) */
  headersMs: number;
  tokens: number;
  /** arrival times (performance.now()) of every token event, when recorded */
  times: number[];
  end: number;
  /** the assistant message id (Shoal) from the `start` event */
  messageId?: string;
};

export type StreamOptions = {
  url: string;
  headers?: Record<string, string>;
  body: unknown;
  /** which SSE events are answer tokens */
  target: "shoal" | "deepseek";
  /** sent as `x-request-id`: the app's probe traces a turn whose id starts with bench-turn- */
  requestId?: string;
  recordTimes?: boolean;
  /** stop reading (pause the socket) after this many tokens, resume after pauseMs */
  pauseAfter?: number;
  pauseMs?: number;
  /** drop the connection after this many tokens (a closed tab) */
  disconnectAfter?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  onStart?: (messageId: string) => void;
};

const isShoalToken = (e: string) => e.includes('"type":"text-delta"') || e.includes('"type":"reasoning-delta"');
const isDeepSeekToken = (e: string) => /"delta":\{"content":"[^"]|"reasoning_content":"[^"]/.test(e);

export function openStream(opts: StreamOptions): Promise<StreamResult> {
  const body = JSON.stringify(opts.body);
  const start = performance.now();
  const r: StreamResult = { status: 0, ok: false, start, startEpoch: performance.timeOrigin + start, requestId: opts.requestId, ttft: NaN, headersMs: NaN, tokens: 0, times: [], end: NaN };
  const isToken = opts.target === "shoal" ? isShoalToken : isDeepSeekToken;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (error?: string) => {
      if (settled) return;
      settled = true;
      r.end = performance.now();
      if (error) r.error = error;
      r.ok = !r.error && r.status === 200 && r.tokens > 0;
      resolve(r);
    };
    const req = http.request(
      opts.url,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          ...(opts.requestId ? { "x-request-id": opts.requestId } : {}),
          ...opts.headers,
        },
      },
      (res) => {
        r.status = res.statusCode ?? 0;
        r.headersMs = performance.now() - start;
        res.setEncoding("utf8");
        let carry = "";
        let sawEnd = false;
        res.on("data", (chunk: string) => {
          const now = performance.now();
          carry += chunk;
          const events = carry.split("\n\n");
          carry = events.pop() ?? "";
          for (const e of events) {
            if (isToken(e)) {
              if (r.tokens === 0) r.ttft = now - start;
              r.tokens++;
              if (opts.recordTimes) r.times.push(now);
            } else if (opts.target === "shoal" && r.messageId === undefined && e.includes('"type":"start"')) {
              r.messageId = /"messageId":"([^"]+)"/.exec(e)?.[1];
              if (r.messageId) opts.onStart?.(r.messageId);
            } else if (e.includes("[DONE]") || e.includes('"type":"finish"')) sawEnd = true;
            else if (e.includes('"type":"error"')) r.error = e.slice(0, 200);
          }
          if (opts.pauseAfter !== undefined && r.tokens >= opts.pauseAfter && !res.isPaused()) {
            res.pause();
            opts.pauseAfter = undefined;
            setTimeout(() => res.resume(), opts.pauseMs ?? 0);
          }
          if (opts.disconnectAfter !== undefined && r.tokens >= opts.disconnectAfter) {
            req.destroy();
            finish();
          }
        });
        res.on("end", () => finish(r.status !== 200 ? `HTTP ${r.status}` : sawEnd ? undefined : "stream ended without finish"));
        res.on("error", (e) => finish(e.message));
      },
    );
    req.on("error", (e) => finish(e.message));
    opts.signal?.addEventListener("abort", () => {
      req.destroy();
      finish("aborted by the benchmark");
    });
    if (opts.timeoutMs) req.setTimeout(opts.timeoutMs, () => req.destroy(new Error("timeout")));
    req.end(body);
  });
}

/** The request Shoal's chat page sends for a new chat (thinking off so tokens are answer text). */
export function shoalRequest(baseUrl: string, cookie: string, text: string, chatId = newId("c")): StreamOptions {
  return {
    url: `${baseUrl}/api/chat`,
    // What a browser sends: Shoal's streams must come back uncompressed (this parser reads plain SSE).
    headers: { cookie, "accept-encoding": "gzip, deflate, br, zstd" },
    target: "shoal",
    body: { id: chatId, message: { id: newId("m"), role: "user", parts: [{ type: "text", text }] }, model: "deepseek-flash", thinking: false },
  };
}

/** The request @ai-sdk/deepseek sends upstream for the same turn, sent straight to the emulator. */
export function directRequest(emulatorUrl: string, apiKey: string, text: string): StreamOptions {
  return {
    url: `${emulatorUrl}/chat/completions`,
    headers: { authorization: `Bearer ${apiKey}` },
    target: "deepseek",
    body: {
      model: "deepseek-flash",
      messages: [{ role: "user", content: text }],
      stream: true,
      stream_options: { include_usage: true },
      thinking: { type: "disabled" },
    },
  };
}

export type LoopSample = {
  results: StreamResult[];
  /** the measured window (throughput = tokens of the counted turns / this) */
  wallMs: number;
  /** every turn started and the whole time taken, warm-up and drain included (for CPU per turn) */
  started: number;
  elapsedMs: number;
};

/** When each of a closed loop's `concurrency` workers sends its first request: evenly over one cycle. */
export function startDelays(concurrency: number, cycleMs: number): number[] {
  return Array.from({ length: concurrency }, (_, w) => (cycleMs * w) / concurrency);
}

/**
 * `concurrency` workers each send requests back to back until `durationMs` is over. Their first
 * requests are spread evenly over `cycleMs` (one answer's length), so their turns stay spread over
 * each cycle, as independent users' would: started together, workers with answers of the same
 * length stay in step, and every level becomes a burst of that many turns arriving at once.
 */
export async function closedLoop(make: () => StreamOptions, concurrency: number, durationMs: number, cycleMs: number): Promise<LoopSample> {
  const results: StreamResult[] = [];
  const t0 = performance.now();
  await Promise.all(
    startDelays(concurrency, cycleMs).map(async (delay) => {
      await sleep(delay);
      while (performance.now() - t0 < durationMs) results.push(await openStream({ ...make(), recordTimes: true, timeoutMs: 60_000 }));
    }),
  );
  const wallMs = performance.now() - t0;
  return { results, wallMs, started: results.length, elapsedMs: wallMs };
}
