import { describe, expect, it } from "vitest";
import { sightingCounter } from "../../bench/sections/client.ts";

describe("sightingCounter (the client benchmark's last-token detector)", () => {
  it("finds a word split across chunks", () => {
    const seen = sightingCounter("word1000");
    expect(seen('{"delta":" word99')).toBe(0);
    expect(seen('9"} {"delta":" word10')).toBe(0);
    expect(seen('00"}')).toBe(1);
  });

  it("counts a sighting once, however many chunks follow it", () => {
    // The report once showed the last token painted before it arrived: the detector kept 40
    // characters of each chunk, saw the word again in the next chunks and moved its arrival later.
    const seen = sightingCounter("word1000");
    expect(seen('{"delta":" word1000"}')).toBe(1);
    expect(seen('{"type":"finish"}')).toBe(1);
    expect(seen("")).toBe(1);
    expect(seen("[DONE]")).toBe(1);
  });

  it("counts every repetition (an answer that repeats its last word)", () => {
    const seen = sightingCounter("Done.");
    expect(seen("a\\n\\nDone. b\\n\\nDo")).toBe(1);
    expect(seen("ne. c Done.")).toBe(3);
    expect(seen(" d")).toBe(3);
  });

  it("works for a one-character word", () => {
    const seen = sightingCounter("。");
    expect(seen("好。")).toBe(1);
    expect(seen("好")).toBe(1);
    expect(seen("。。")).toBe(3);
  });
});
