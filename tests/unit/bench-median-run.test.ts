import { describe, expect, it } from "vitest";
import { medianRun } from "../../bench/sections/client.ts";

describe("bench: one answer's repeated runs as one row", () => {
  it("takes the median of every number, in nested objects too, field by field", () => {
    const runs = [
      { loadMs: 900, streaming: { longTasks: 3, longestTaskMs: 88.25 }, kind: "markdown", frames: [1, 2] },
      { loadMs: 700, streaming: { longTasks: 0, longestTaskMs: 0 }, kind: "markdown", frames: [3] },
      { loadMs: 800, streaming: { longTasks: 1, longestTaskMs: 120 }, kind: "markdown", frames: [4] },
    ];
    // Field by field: the row's longest task is not necessarily from the run with the median count.
    expect(medianRun(runs)).toEqual({ loadMs: 800, streaming: { longTasks: 1, longestTaskMs: 88.3 }, kind: "markdown", frames: [1, 2] });
  });

  it("takes a field only some runs have from those that have it", () => {
    expect(medianRun([{ a: 1, profile: { ms: 5 } }, { a: 3 }, { a: 2, profile: undefined }])).toEqual({ a: 2, profile: { ms: 5 } });
  });

  it("leaves a single run as it is (rounded)", () => {
    expect(medianRun([{ a: 1.04, b: { c: 2 } }])).toEqual({ a: 1, b: { c: 2 } });
  });
});
