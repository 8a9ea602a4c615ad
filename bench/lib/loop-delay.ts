// The event loop's delay, from Node's histogram. The histogram's timer runs every RESOLUTION_MS and
// records the time between two of its runs, the resolution included: an idle loop reads ≈ 10 ms.
// The delay is what exceeds the resolution.
import { monitorEventLoopDelay } from "node:perf_hooks";

type IntervalHistogram = ReturnType<typeof monitorEventLoopDelay>;

const RESOLUTION_MS = 10;

export function loopDelayHistogram(): IntervalHistogram {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  return histogram;
}

/** The delay in ms at a percentile (0–100), or the largest one. */
export function loopDelayMs(histogram: IntervalHistogram, at: number | "max"): number {
  const recorded = (at === "max" ? histogram.max : histogram.percentile(at)) / 1e6;
  return Math.max(0, recorded - RESOLUTION_MS);
}
