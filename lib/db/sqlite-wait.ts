// Shared by both sides of the SQLite thread (lib/db/sqlite-thread.ts, lib/db/sqlite-worker.ts):
// how either side waits for the other, and the name of writeTransaction's own error.
// Plain Node (type stripping): the worker loads it without the bundler.

/**
 * Waits until `cell[0]` is no longer `value`, as Atomics.wait does, but first checks it in a busy
 * loop for up to `spinMs`. A statement answers in tens of microseconds, while waking a thread that
 * sleeps in Atomics.wait takes about as long again (≈ 50 µs here, a cross-CPU wake-up in a VM), so
 * a short spin halves each round trip. The spin only runs while this thread could do nothing else.
 *
 * Atomics.wait also returns "ok" for a notify that belongs to an earlier change: the other side
 * stores, this side sees the value while spinning and goes on, and the other side's notify (late,
 * its thread was descheduled in between) then wakes this side's next wait. So the value is checked
 * again after every wake-up; returning early there handed the main thread an answer that was not
 * there yet, and every transaction after it got the answer meant for the one before.
 */
export function waitForChange(cell: Int32Array, value: number, spinMs: number, timeoutMs: number): "ok" | "not-equal" | "timed-out" {
  const start = performance.now();
  while (Atomics.load(cell, 0) === value) {
    if (performance.now() - start < spinMs) continue;
    let left = timeoutMs - (performance.now() - start);
    while (left > 0) {
      if (Atomics.wait(cell, 0, value, left) === "not-equal" || Atomics.load(cell, 0) !== value) return "ok";
      left = timeoutMs - (performance.now() - start);
    }
    return "timed-out";
  }
  return "not-equal";
}
/** How long either side spins before it sleeps (see waitForChange). */
export const SPIN_MS = 0.05;

/** The error name of a writeTransaction refused because one of its statements wrote no rows. */
export const NO_ROWS_WRITTEN = "NoRowsWritten";
