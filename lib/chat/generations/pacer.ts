import { performance } from "node:perf_hooks";

/** How long a token may wait, when the server is busy, to share a socket write with the next ones. */
export const BATCH_WINDOW_MS = 40;
/**
 * The main thread's event-loop utilisation, over a second, above which tokens are batched, and
 * below which they are sent one by one again. Apart, so that batching (which lowers the load by up
 * to a third when relaying is most of it) does not switch itself off at once; over a second, so that
 * the burst of a few turns starting together does not switch it on.
 */
export const BUSY_ABOVE = 0.5;
export const IDLE_BELOW = 0.3;

/**
 * Whether this thread's event loop has been busy lately: its utilisation (the share of time spent
 * running code rather than waiting for I/O) over the last `everyMs` or more, read at most once per
 * `everyMs` when asked. Busy from above `busyAbove` until it falls below `idleBelow`.
 */
export function eventLoopBusy({ busyAbove = BUSY_ABOVE, idleBelow = IDLE_BELOW, everyMs = 1_000 } = {}): () => boolean {
  let last = performance.eventLoopUtilization();
  let readAt = performance.now();
  let busy = false;
  return () => {
    const now = performance.now();
    if (now - readAt >= everyMs) {
      const current = performance.eventLoopUtilization();
      const utilisation = performance.eventLoopUtilization(current, last).utilization;
      busy = busy ? utilisation >= idleBelow : utilisation > busyAbove;
      last = current;
      readAt = now;
    }
    return busy;
  };
}

/**
 * Paces the answers' writes to their clients. Each token otherwise costs a write on every client's
 * socket and a pass through the response's web streams (most of a token's CPU, bench/analysis.md).
 * While the event loop is idle enough, a token is sent at once. While it is busy, tokens after an
 * answer's first are held for at most one window, and when the window ends every held answer is
 * sent, each in one write: at DeepSeek's ~50 tokens/s, a write carries two tokens. Chunks that are
 * not tokens (start, finish, errors, notices) and the first token are never held; sending one also
 * sends its answer's held tokens before it.
 */
export class WritePacer {
  private readonly held = new Set<() => void>();
  private timer: NodeJS.Timeout | undefined;
  private readonly busy: () => boolean;
  private readonly windowMs: number;

  constructor(busy: () => boolean = eventLoopBusy(), windowMs = BATCH_WINDOW_MS) {
    this.busy = busy;
    this.windowMs = windowMs;
  }

  /** Hold `send` until the window ends (true), or return false when it should run now. */
  hold(send: () => void): boolean {
    if (!this.held.has(send) && !this.busy()) return false;
    this.held.add(send);
    this.timer ??= setTimeout(this.release, this.windowMs);
    return true;
  }

  /** Forget a held `send` (its answer sent or ended meanwhile). */
  drop(send: () => void): void {
    this.held.delete(send);
  }

  private readonly release = () => {
    this.timer = undefined;
    const due = [...this.held];
    this.held.clear();
    for (const send of due) send();
  };
}
