import { describe, expect, it } from "vitest";
import { advanceSegments, initialSegments, segmentsOf, type SegmentState } from "../../lib/chat/stream-segments.ts";

/** Feed `text` in slices of `step` characters, as a stream would, and return the final state. */
function stream(text: string, step = 7, min = 40, max = 120): SegmentState {
  let s = initialSegments();
  const seen: number[][] = [];
  for (let n = step; n < text.length + step; n += step) {
    s = advanceSegments(s, text.slice(0, Math.min(n, text.length)), min, max);
    seen.push(s.cuts);
  }
  // Stability: a cut once made is never moved or removed.
  for (let i = 1; i < seen.length; i++) expect(seen[i].slice(0, seen[i - 1].length)).toEqual(seen[i - 1]);
  return s;
}

const para = (n: number, word = "lorem") => Array.from({ length: n }, (_, i) => `${word}${i}`).join(" ") + ".";

describe("streaming segments", () => {
  it("cuts only at blank lines before unindented text, and the pieces join back to the text", () => {
    const text = [para(12), "", para(12), "", "- item one", "", "  continued item text that is indented", "", para(12)].join("\n");
    const s = stream(text, 7, 40, 10_000);
    const pieces = segmentsOf(s, text);
    expect(pieces.join("")).toBe(text);
    expect(pieces.length).toBeGreaterThan(1);
    for (const cut of s.cuts.slice(1)) {
      expect(text.slice(cut - 2, cut)).toBe("\n\n");
      expect(text[cut]).toMatch(/\S/);
    }
    expect(pieces.some((p) => p.startsWith("  continued"))).toBe(false);
  });

  it("never cuts inside a code fence or display math, even across blank lines", () => {
    const code = ["```ts", ...Array.from({ length: 20 }, (_, i) => `const v${i} = ${i};\n`), "```"].join("\n");
    const math = ["$$", "a = b", "", "c = d", "$$"].join("\n");
    const text = [para(10), "", code, "", math, "", para(10)].join("\n");
    const s = stream(text, 5, 20, 10_000);
    const pieces = segmentsOf(s, text);
    expect(pieces.join("")).toBe(text);
    for (const p of pieces) {
      expect((p.match(/```/g) ?? []).length % 2).toBe(0);
      expect((p.match(/\$\$/g) ?? []).length % 2).toBe(0);
    }
  });

  it("cuts one long paragraph after a sentence or word, never inside inline code, bold, math or links", () => {
    const sentence = (i: number) => `Sentence ${i} has **bold words**, \`inline code\`, $x^2$ and [a link](https://x.test/${i}).`;
    const text = Array.from({ length: 30 }, (_, i) => sentence(i)).join(" ");
    const s = stream(text, 11, 100, 300);
    const pieces = segmentsOf(s, text);
    expect(pieces.join("")).toBe(text);
    expect(pieces.length).toBeGreaterThan(3);
    for (const p of pieces.slice(0, -1)) {
      expect(p).toMatch(/\.\s$/); // after a full sentence
      expect((p.match(/`/g) ?? []).length % 2).toBe(0);
      expect((p.match(/\*\*/g) ?? []).length % 2).toBe(0);
    }
  });

  it("cuts long Chinese text after a full-width stop", () => {
    const text = "这是一个很长的中文句子，用来测试流式分段。".repeat(40);
    const s = stream(text, 9, 60, 200);
    const pieces = segmentsOf(s, text);
    expect(pieces.join("")).toBe(text);
    expect(pieces.length).toBeGreaterThan(2);
    for (const p of pieces.slice(0, -1)) expect(p.endsWith("。")).toBe(true);
  });

  it("keeps short answers in one piece", () => {
    const text = `${para(5)}\n\n${para(5)}`;
    expect(segmentsOf(stream(text, 3, 1200, 4000), text)).toEqual([text]);
  });

  it("does not cut where the next piece would start a list, heading or quote", () => {
    const text = `${"word ".repeat(60)}- not a list ${"word ".repeat(60)}`;
    const s = stream(text, 13, 50, 150);
    for (const piece of segmentsOf(s, text).slice(1)) expect(piece).not.toMatch(/^[-#>*+]/);
  });
});
