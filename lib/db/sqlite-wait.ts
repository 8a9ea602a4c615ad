// Shared by both sides of the SQLite thread (lib/db/sqlite-thread.ts, lib/db/sqlite-worker.ts).
// Plain Node (type stripping): the worker loads it without the bundler.

/**
 * Waits until `cell[0]` is no longer `value`, as Atomics.wait does, but first checks it in a busy
 * loop for up to `spinMs`. A statement answers in tens of microseconds, while waking a thread that
 * sleeps in Atomics.wait takes about as long again (≈ 50 µs here, a cross-CPU wake-up in a VM), so
 * a short spin halves each round trip. The spin only runs while this thread could do nothing else.
 */
export function waitForChange(cell: Int32Array, value: number, spinMs: number, timeoutMs: number): "ok" | "not-equal" | "timed-out" {
  const until = performance.now() + spinMs;
  while (Atomics.load(cell, 0) === value) {
    if (performance.now() >= until) return Atomics.wait(cell, 0, value, timeoutMs);
  }
  return "not-equal";
}
/** How long either side spins before it sleeps (see waitForChange). */
export const SPIN_MS = 0.05;
