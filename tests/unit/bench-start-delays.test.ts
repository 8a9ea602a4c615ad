import { describe, expect, it } from "vitest";
import { startDelays } from "@/bench/lib/streams";

describe("bench: a closed loop's start delays", () => {
  it("spreads the workers' first requests evenly over one answer's length", () => {
    const delays = startDelays(10, 1000);
    expect(delays).toHaveLength(10);
    expect(delays[0]).toBe(0);
    // Started within 50 ms (the old stagger), ten workers with 1 s answers stay a burst of ten turns.
    expect(delays.at(-1)).toBe(900);
    const gaps = delays.slice(1).map((d, i) => d - delays[i]);
    expect(new Set(gaps)).toEqual(new Set([100]));
  });

  it("starts a single worker at once", () => {
    expect(startDelays(1, 1000)).toEqual([0]);
  });
});
