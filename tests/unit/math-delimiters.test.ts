import remarkMath from "remark-math";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { describe, expect, it } from "vitest";
import { hasTexDelimiters, normalizeMathDelimiters } from "../../lib/chat/math-delimiters.ts";
import { advanceSegments, initialSegments, segmentsOf } from "../../lib/chat/stream-segments.ts";

/** The math nodes remark-math finds in the rewritten text, as Shoal's math plugin configures it. */
function mathOf(markdown: string): string[] {
  const tree = unified().use(remarkParse).use(remarkMath, { singleDollarTextMath: false }).parse(normalizeMathDelimiters(markdown));
  const found: string[] = [];
  const walk = (node: { type: string; value?: string; children?: unknown[] }) => {
    if (node.type === "math" || node.type === "inlineMath") found.push(`${node.type}:${node.value}`);
    for (const child of node.children ?? []) walk(child as typeof node);
  };
  walk(tree);
  return found;
}

describe("DeepSeek's TeX delimiters", () => {
  it("turns \\( … \\) into inline math, in English and in Chinese", () => {
    expect(mathOf("So \\( x^2 \\) is the square.")).toEqual(["inlineMath:x^2"]);
    expect(mathOf("面积为\\(\\pi r^2\\)。")).toEqual(["inlineMath:\\pi r^2"]);
    expect(mathOf("| n | \\(f(n)\\) |\n|---|---|\n| 1 | \\(1\\) |")).toEqual(["inlineMath:f(n)", "inlineMath:1"]);
  });

  it("turns \\[ … \\] lines into a display block, also inside a list item", () => {
    expect(mathOf("The formula:\n\n\\[\nE = mc^2\n\\]\n\nDone.")).toEqual(["math:E = mc^2"]);
    expect(mathOf("\\[ a^2 + b^2 = c^2 \\]")).toEqual(["math:a^2 + b^2 = c^2"]);
    const list = "1. **Matrix**:\n   \\[\n   C = AB\n   \\]\n2. **Next**";
    expect(normalizeMathDelimiters(list)).toBe("1. **Matrix**:\n   $$\n   C = AB\n   $$\n2. **Next**");
    expect(mathOf(list)).toEqual(["math:C = AB"]);
    // Within a sentence it stays inline.
    expect(mathOf("Then \\[y^2\\] follows")).toEqual(["inlineMath:y^2"]);
  });

  it("leaves TeX inside a display block alone: \\left( and a \\\\[2pt] row break", () => {
    expect(mathOf("\\[\n\\left( x \\right) \\big[ y \\big]\n\\]")).toEqual(["math:\\left( x \\right) \\big[ y \\big]"]);
    const matrix = "$$\n\\begin{pmatrix} a \\\\[2pt] b \\end{pmatrix}\n$$";
    expect(normalizeMathDelimiters(matrix)).toBe(matrix);
    expect(normalizeMathDelimiters("$$\na \\( b\n$$\nthen \\(c\\)")).toBe("$$\na \\( b\n$$\nthen $$c$$");
  });

  it("leaves code, escaped backslashes, dollar prices and stray delimiters alone", () => {
    for (const text of [
      "Use `\\(x\\)` to write inline math",
      "Use ``a `\\(x\\)` b`` here",
      "```latex\n\\[ x \\]\n\\(y\\)\n```",
      "~~~\n\\(y\\)\n~~~",
      "a \\\\(not math\\\\)",
      "It costs $5 and $10.",
      "\\]",
      "  \\(",
    ]) {
      expect(normalizeMathDelimiters(text)).toBe(text);
    }
    expect(normalizeMathDelimiters("Costs $5, and \\(x\\) too")).toBe("Costs $5, and $$x$$ too");
    expect(mathOf("It costs $5 and $10.")).toEqual([]);
    expect(hasTexDelimiters("plain (text) [link]")).toBe(false);
  });

  it("rewrites a text the same way whatever was streamed before: finished pieces keep their rewrite", () => {
    const text = ["Intro \\(a\\) text.", "", "\\[", "x = 1", "", "y = 2", "\\]", "", "More \\(b\\) text after the block.", "", "The end \\(c\\)."].join("\n");
    let state = initialSegments();
    for (let n = 1; n <= text.length; n++) state = advanceSegments(state, text.slice(0, n), 10, 10_000);
    const pieces = segmentsOf(state, text);
    // Never cut inside the \[ … \] block, even at its blank line.
    expect(pieces.some((p) => p.includes("x = 1") && !p.includes("y = 2"))).toBe(false);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.map(normalizeMathDelimiters).join("")).toBe(normalizeMathDelimiters(text));
  });

  it("never cuts a long paragraph inside inline \\( … \\) math", () => {
    const formula = "\\( " + Array.from({ length: 30 }, (_, i) => `x_${i} +`).join(" ") + " y \\)";
    const text = "word ".repeat(30) + formula + " tail";
    let state = initialSegments();
    for (let n = 1; n <= text.length; n++) state = advanceSegments(state, text.slice(0, n), 20, 60);
    const open = text.indexOf("\\(");
    const close = text.indexOf("\\)");
    for (const cut of state.cuts.slice(1)) expect(cut <= open || cut > close).toBe(true);
  });
});
