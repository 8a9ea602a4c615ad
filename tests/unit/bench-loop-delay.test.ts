import { describe, expect, it } from "vitest";
import { loopDelayHistogram, loopDelayMs } from "@/bench/lib/loop-delay";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("bench: event-loop delay", () => {
  it("reads a few ms at most for an idle loop (the histogram's own 10 ms interval is not a delay)", async () => {
    const histogram = loopDelayHistogram();
    await sleep(300);
    histogram.disable();
    // Without the interval subtracted, an idle loop reads ≥ 10 ms; a loaded machine can add a few.
    expect(loopDelayMs(histogram, 50)).toBeLessThan(9);
  });

  it("reads a blocked loop's delay", async () => {
    const histogram = loopDelayHistogram();
    await sleep(50);
    const until = performance.now() + 80;
    while (performance.now() < until) {
      // a task that holds the loop for 80 ms
    }
    await sleep(50);
    histogram.disable();
    expect(loopDelayMs(histogram, "max")).toBeGreaterThanOrEqual(60);
    expect(loopDelayMs(histogram, "max")).toBeLessThan(1_000);
  });
});
