import { AppError } from "@/lib/errors";

/**
 * Progress of one upstream request, for the UI ("DeepSeek is busy, waiting…", "retrying (2/3)…").
 * - `waiting`: DeepSeek accepted the request but is queueing it (it sends `: keep-alive` comments
 *   before inference starts). Emitted on the first keep-alive and then at most every 5 s.
 * - `retrying`: the attempt failed before any response body (429, 503 or a network error); the next
 *   attempt starts after `delayMs`. `attempt` is the retry about to run (1-based) of `maxRetries`.
 * - `streaming`: the first `data:` event arrived; no retry can happen from now on.
 */
export type UpstreamEvent =
  | { type: "waiting"; keepAlives: number; waitedMs: number }
  | { type: "retrying"; attempt: number; maxRetries: number; delayMs: number; reason: "rate_limit" | "overloaded" | "network"; status?: number }
  | { type: "streaming"; waitedMs: number };

export type UpstreamEventListener = (event: UpstreamEvent) => void;

export type UpstreamFetchOptions = {
  /** Abort when no byte (keep-alive comments included) arrives for this long. Not a total timeout. */
  idleTimeoutMs: number;
  /** Extra attempts after a 429/503/network failure before the body started; 0 = none. */
  maxRetries: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  onEvent?: UpstreamEventListener;
  fetch?: typeof fetch;
  random?: () => number;
};

const RETRY_STATUSES = new Map([
  [429, "rate_limit"],
  [503, "overloaded"],
] as const);
const WAITING_EVENT_EVERY_MS = 5_000;

/** Exponential backoff with jitter: base·2^(n-1), capped, then scaled into [50 %, 100 %]. */
export function backoffDelay(attempt: number, base: number, max: number, random: () => number): number {
  const ceiling = Math.min(max, base * 2 ** (attempt - 1));
  return Math.round(ceiling * (0.5 + random() * 0.5));
}

/** `Retry-After` in seconds or as an HTTP date; undefined when absent or unparsable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const secs = Number(header);
  if (Number.isFinite(secs) && secs >= 0) return secs * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

const isNetworkError = (e: unknown) => e instanceof TypeError; // undici: "fetch failed" (refused, reset, DNS)

export const idleTimeoutError = (ms: number) => new AppError("offline:deepseek", { reason: "idle_timeout", seconds: ms / 1000 });

/**
 * A `fetch` for the DeepSeek provider. DeepSeek may hold a request for up to 10 minutes before
 * inference, sending keep-alive comments, so there is no total timeout: only an idle timer that
 * every received byte resets. 429/503/network failures are retried with backoff only while no
 * response body has been handed to the SDK, so a retry can never duplicate streamed tokens or bill
 * twice. Everything else (400/401/402/422, 500, errors mid-stream) goes through untouched.
 */
export function createUpstreamFetch(opts: UpstreamFetchOptions): typeof fetch {
  const base = opts.baseDelayMs ?? 1_000;
  const max = opts.maxDelayMs ?? 30_000;
  const doFetch = opts.fetch ?? globalThis.fetch;
  const random = opts.random ?? Math.random;
  const emit = (e: UpstreamEvent) => {
    try {
      opts.onEvent?.(e);
    } catch {
      // a listener's bug must not break the request
    }
  };

  return async function upstreamFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
    const started = Date.now();
    const userSignal = init.signal ?? undefined;
    for (let attempt = 0; ; attempt++) {
      const attemptAbort = new AbortController();
      const signal = userSignal ? AbortSignal.any([userSignal, attemptAbort.signal]) : attemptAbort.signal;
      let idle: NodeJS.Timeout | undefined;
      let cleared = false;
      const armIdle = () => {
        // refresh() re-arms the same timer: cheaper than clear + set on every received chunk.
        if (idle && !cleared) return void idle.refresh();
        cleared = false;
        idle = setTimeout(() => attemptAbort.abort(idleTimeoutError(opts.idleTimeoutMs)), opts.idleTimeoutMs);
        idle.unref(); // a cancelled body leaves it armed; it must not hold the process open
      };
      const disarm = () => {
        cleared = true;
        clearTimeout(idle);
      };
      armIdle();
      userSignal?.addEventListener("abort", disarm, { once: true });

      let response: Response;
      try {
        response = await doFetch(input, { ...init, signal });
      } catch (e) {
        disarm();
        if (userSignal?.aborted) throw e;
        if (attemptAbort.signal.aborted) throw attemptAbort.signal.reason;
        if (!isNetworkError(e) || attempt >= opts.maxRetries) throw e;
        const delayMs = backoffDelay(attempt + 1, base, max, random);
        emit({ type: "retrying", attempt: attempt + 1, maxRetries: opts.maxRetries, delayMs, reason: "network" });
        await sleep(delayMs, userSignal);
        continue;
      }

      const reason = RETRY_STATUSES.get(response.status as 429 | 503);
      if (reason && attempt < opts.maxRetries) {
        disarm();
        await response.body?.cancel().catch(() => {});
        const hinted = retryAfterMs(response.headers.get("retry-after"));
        const delayMs = Math.min(max, hinted ?? backoffDelay(attempt + 1, base, max, random));
        emit({ type: "retrying", attempt: attempt + 1, maxRetries: opts.maxRetries, delayMs, reason, status: response.status });
        await sleep(delayMs, userSignal);
        continue;
      }
      if (!response.body) {
        disarm();
        return response;
      }
      return new Response(watchBody(response.body, { armIdle, stop: disarm, started, emit }), {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    }
  };
}

const KEEP_ALIVE = /^:[^\n]*\n/m;

/**
 * Resets the idle timer on every chunk and reports keep-alive waiting and the first data event.
 * A pulling wrapper around the body's reader rather than a `pipeThrough`: a TransformStream plus
 * its pipe cost a few KiB of heap per running answer (two more streams, a dozen promises and closures).
 */
function watchBody(
  body: ReadableStream<Uint8Array>,
  h: { armIdle(): void; stop(): void; started: number; emit(e: UpstreamEvent): void },
): ReadableStream<Uint8Array> {
  const decoder = new TextDecoder();
  let keepAlives = 0;
  let lastWaitingEvent = 0;
  let streaming = false;
  const reader = body.getReader();
  const observe = (chunk: Uint8Array) => {
    h.armIdle();
    if (streaming) return;
    const text = decoder.decode(chunk, { stream: true });
    if (text.includes("data:")) {
      streaming = true;
      h.emit({ type: "streaming", waitedMs: Date.now() - h.started });
    } else if (KEEP_ALIVE.test(text) || text.trim() === "") {
      keepAlives++;
      const now = Date.now();
      if (now - lastWaitingEvent >= WAITING_EVENT_EVERY_MS) {
        lastWaitingEvent = now;
        h.emit({ type: "waiting", keepAlives, waitedMs: now - h.started });
      }
    }
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let next: ReadableStreamReadResult<Uint8Array>;
        try {
          next = await reader.read();
        } catch (e) {
          controller.error(e);
          return;
        }
        if (next.done) {
          h.stop();
          controller.close();
          return;
        }
        observe(next.value);
        controller.enqueue(next.value);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
