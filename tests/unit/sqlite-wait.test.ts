// The shared-memory wait between the main thread and the SQLite thread (lib/db/sqlite-wait.ts).
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { waitForChange } from "@/lib/db/sqlite-wait";

/** Another thread that, after `notifyAfterMs`, notifies without changing the cell, then stores 1 after `storeAfterMs`. */
function otherThread(cell: Int32Array, notifyAfterMs: number, storeAfterMs: number): Worker {
  return new Worker(
    `const { workerData } = require("node:worker_threads");
     const cell = new Int32Array(workerData.buffer);
     const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
     sleep(workerData.notifyAfterMs);
     Atomics.notify(cell, 0);
     sleep(workerData.storeAfterMs - workerData.notifyAfterMs);
     Atomics.store(cell, 0, 1);
     Atomics.notify(cell, 0);`,
    { eval: true, workerData: { buffer: cell.buffer, notifyAfterMs, storeAfterMs } },
  );
}

describe("waitForChange", () => {
  it("returns at once when the value has already changed", () => {
    const cell = new Int32Array(new SharedArrayBuffer(4));
    cell[0] = 1;
    expect(waitForChange(cell, 0, 0.05, 1000)).toBe("not-equal");
  });

  it("times out when nothing changes", () => {
    const cell = new Int32Array(new SharedArrayBuffer(4));
    const started = performance.now();
    expect(waitForChange(cell, 0, 0.05, 30)).toBe("timed-out");
    expect(performance.now() - started).toBeGreaterThanOrEqual(29);
  });

  it("keeps waiting through a notify that changed nothing (a late one, meant for an earlier change)", async () => {
    const cell = new Int32Array(new SharedArrayBuffer(4));
    const worker = otherThread(cell, 50, 250);
    try {
      // The stray notify at 50 ms used to end the wait with "ok" while the value was still 0: the
      // main thread then read an answer that had not been sent yet.
      expect(waitForChange(cell, 0, 0, 5000)).toBe("ok");
      expect(Atomics.load(cell, 0)).toBe(1);
    } finally {
      await worker.terminate();
    }
  });
});
