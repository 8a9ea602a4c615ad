import remarkMath from "remark-math";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { describe, expect, it } from "vitest";
import { hasTexDelimiters, type MathCache, normalizeMathDelimiters } from "../../lib/chat/math-delimiters.ts";
import { advanceSegments, initialSegments, segmentsOf } from "../../lib/chat/stream-segments.ts";

/** The math nodes remark-math finds in the rewritten text, as Shoal's math plugin configures it. */
function mathOf(markdown: string, open = false): string[] {
  const tree = unified().use(remarkParse).use(remarkMath, { singleDollarTextMath: false }).parse(normalizeMathDelimiters(markdown, open));
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
    expect(mathOf("Then \\[y^2\\] follows")).toEqual(["inlineMath:y^2"]);
  });

  it("turns \\[ … \\] lines into a display block, also in a list item or a quote", () => {
    expect(mathOf("The formula:\n\n\\[\nE = mc^2\n\\]\n\nDone.")).toEqual(["math:E = mc^2"]);
    expect(mathOf("\\[ a^2 + b^2 = c^2 \\]")).toEqual(["math:a^2 + b^2 = c^2"]);
    const list = "1. **Matrix**:\n   \\[\n   C = AB\n   \\]\n2. **Next**";
    expect(normalizeMathDelimiters(list)).toBe("1. **Matrix**:\n   $$\n   C = AB\n   $$\n2. **Next**");
    expect(mathOf(list)).toEqual(["math:C = AB"]);
    expect(normalizeMathDelimiters("> \\[\n> x = 1\n> \\]")).toBe("> $$\n> x = 1\n> $$");
  });

  it("closes a display block wherever its \\] is, keeps punctuation inside, and never swallows what follows", () => {
    const aligned = "Solve:\n\\[ \\begin{aligned}\na &= b \\\\\nc &= d\n\\end{aligned} \\]\n\nSo \\(a=c\\).\n\n## Next\n\nMore text.";
    expect(mathOf(aligned)).toEqual(["math:\\begin{aligned}\na &= b \\\\\nc &= d\n\\end{aligned}", "inlineMath:a=c"]);
    expect(normalizeMathDelimiters(aligned)).toContain("\n\n## Next\n\nMore text.");
    const dot = "\\[\nx = 1\n\\].\n\nMore \\(y\\) text.\n\n```js\nlet a = 1;\n```";
    expect(normalizeMathDelimiters(dot)).toBe("$$\nx = 1.\n$$\n\nMore $$y$$ text.\n\n```js\nlet a = 1;\n```");
    // Not closed before a blank line: not math, left as written.
    const unclosed = "\\[\nx = 1\n\nMore \\(y\\) text.";
    expect(normalizeMathDelimiters(unclosed)).toBe("\\[\nx = 1\n\nMore $$y$$ text.");
  });

  it("shows the formula being written as math while the answer streams, and as written if it never closes", () => {
    const partial = "Streaming:\n\n\\[\n\\frac{a}{";
    expect(normalizeMathDelimiters(partial, true)).toBe("Streaming:\n\n$$\n\\frac{a}{\n$$");
    expect(normalizeMathDelimiters(partial, false)).toBe(partial);
    // In a list item, the block being written stays in the item (closed here, not by Streamdown).
    expect(mathOf("1. Step:\n   \\[\n   x +", true)).toEqual(["math:x +"]);
  });

  it("rewrites what follows \\] on its line, keeps dollars apart, and leaves citations and empty delimiters", () => {
    expect(normalizeMathDelimiters("\\[\nA=\\pi r^2\n\\] where \\(r\\) is the radius")).toBe("$$\nA=\\pi r^2\n$$\nwhere $$r$$ is the radius");
    expect(mathOf("\\(a\\)\\(b\\)")).toEqual(["inlineMath:a", "inlineMath:b"]);
    expect(mathOf("\\(x\\)$ per unit")).toEqual(["inlineMath:x"]);
    expect(mathOf("\\[ x = 1 \\].")).toEqual(["math:x = 1."]);
    for (const text of ["empty \\(\\) here", "See \\[1\\] and \\[2, 3\\]."]) expect(normalizeMathDelimiters(text)).toBe(text);
    // A blank line in CRLF text ends an unclosed block too.
    const crlf = "\\[\r\nx\r\n\r\nPara\r\n\r\nmore \\] end";
    expect(normalizeMathDelimiters(crlf)).toBe(crlf);
  });

  it("leaves TeX inside math alone: \\left( and a \\\\[2pt] row break", () => {
    expect(mathOf("\\[\n\\left( x \\right) \\big[ y \\big]\n\\]")).toEqual(["math:\\left( x \\right) \\big[ y \\big]"]);
    const matrix = "$$\n\\begin{pmatrix} a \\\\[2pt] b \\end{pmatrix}\n$$";
    expect(normalizeMathDelimiters(matrix)).toBe(matrix);
    expect(normalizeMathDelimiters(`${matrix}\nthen \\(c\\)`)).toBe(`${matrix}\nthen $$c$$`);
  });

  it("leaves code of every kind, links, escaped backslashes, prices and stray delimiters alone", () => {
    for (const text of [
      "Use `\\(x\\)` to write inline math",
      "Use ``a `\\(x\\)` b`` here",
      "```latex\n\\[ x \\]\n\\(y\\)\n```",
      "~~~\n\\(y\\)\n~~~",
      '1. Step\n   - sub:\n\n     ```python\n     re.compile(r"\\(\\d+\\)")\n     ```',
      "10. Item\n\n    ```latex\n    \\[ x \\]\n    ```",
      "> ```\n> \\(x\\)\n> ```",
      "Example:\n\n    find . \\( -name a \\)",
      "[Set](https://en.wikipedia.org/wiki/Set_\\(mathematics\\))",
      "[foo \\[bar\\]](https://example.com)",
      "a \\\\(not math\\\\)",
      "It costs $5 and $10.",
      "\\]",
      "Press \\( to open\n\nNext paragraph",
    ]) {
      expect(normalizeMathDelimiters(text)).toBe(text);
    }
    expect(normalizeMathDelimiters("Costs $5, and \\(x\\) too")).toBe("Costs $5, and $$x$$ too");
    expect(mathOf("It costs $5 and $10.")).toEqual([]);
    expect(hasTexDelimiters("plain (text) [link]")).toBe(false);
  });

  it("reads TeX between single dollars by Pandoc's rule, and keeps prices as prices", () => {
    expect(mathOf("设$x$为实数，且$a + b = c$。")).toEqual(["inlineMath:x", "inlineMath:a + b = c"]);
    expect(mathOf("Let $f(x) = x^2$, so $f(3)$ costs $5 to compute.")).toEqual(["inlineMath:f(x) = x^2", "inlineMath:f(3)"]);
    expect(mathOf("| n | $n^2$ |\n|---|---|\n| 2 | $4$ |")).toEqual(["inlineMath:n^2", "inlineMath:4"]);
    expect(normalizeMathDelimiters("Then $x$ and \\(y\\).")).toBe("Then $$x$$ and $$y$$.");
    for (const text of [
      "It costs $5 and $10.",
      "From $5–$10, or $5/$10, in US$5 and HK$10.",
      "| item | price |\n|---|---|\n| tea | $5 |\n| cake | $10 |",
      "$ x$ and $x $ are not math, nor is $x$5.",
      "A dollar \\$x$ escaped.",
      "Across lines $a\nb$ is not math.",
      "Code `$x$` and [$x$](https://example.com) and $$y$$ stay.",
      "```sh\necho $HOME$PATH\n```",
      // Review: cells, bare URLs, spreadsheets, currency codes, shell variables, Chinese prose.
      "| Var | Meaning |\n|---|---|\n| $HOME | e.g. /home/$USER |",
      "| Plan | USD | HKD |\n|---|---|---|\n| Basic | $5 | HK$ 40 |",
      "See https://api.example.com/items?$filter=x&$top=5 for the query.",
      "Use =SUM($A$1:$A$10) or =INDEX($B:$B, 2) or =VLOOKUP(A2,$D$2:$E$100,2).",
      "Pay $5 now or R$ 20 later; 约合 $20（NT$ 600）。",
      "Set $HOME/$USER and $PATH:$HOME first.",
      "价格为 $5，而成本是 2$。",
    ]) {
      expect(normalizeMathDelimiters(text), text).toBe(text);
    }
    expect(mathOf("It costs $5 and $10; $x$ is math.")).toEqual(["inlineMath:x"]);
    expect(mathOf("设$x$为实数，$\\text{面积}=\\pi r^2$。")).toEqual(["inlineMath:x", "inlineMath:\\text{面积}=\\pi r^2"]);
    // Second review: ordinals and plurals after a formula, Chinese in braces; shell substitutions are not math.
    expect(mathOf("The $n$th term, the $i$th row and $k$s; $x_{最大}$ too.")).toEqual(["inlineMath:n", "inlineMath:i", "inlineMath:k", "inlineMath:x_{最大}"]);
    for (const text of ["cd ${HOME}/${PROJECT}", "echo $(pwd)/$(date)", "Set $A$Bx and $PATH$x."]) expect(normalizeMathDelimiters(text), text).toBe(text);
  });

  // 300 random answers, each streamed and rewritten piece by piece: ~3 s on an idle machine, so it
  // gets a timeout of its own (vitest's default of 5 s failed it in CI on a busy machine).
  it("rewrites each streamed piece as it would the whole answer (random answers, random pace)", { timeout: 60_000 }, () => {
    const fragments = [
      "Intro \\(a\\) text.",
      "\\[\nx = 1\n\\]",
      "\\[ y = 2 \\].",
      "1. Step \\(k\\):\n   \\[\n   k^2\n   \\]",
      "```tex\n\\[ code \\]\n\n\\(x\\)\n```",
      "$$\na \\( b\n$$",
      "> \\[\n> q\n> \\]",
      "Press \\( to open",
      "\\[\nnever closed",
      "A long sentence with \\(m\\) in it and more words. ".repeat(4).trim(),
      "| a | \\(t\\) |\n|---|---|\n| 1 | 2 |",
      "So the words go on and on, ".repeat(3) + "\\[ z \\] " + "and on after it. ".repeat(5),
      "Words go on and on. ".repeat(8) + "\\[ " + "w + ".repeat(30) + "w \\]",
      "Therefore:\n\\[\n" + Array.from({ length: 40 }, (_, k) => `a_{${k}} +`).join(" ") + " b\n\\]",
      "Line one\nline two with \\(t\\)\nline three. ".repeat(3),
      "Prices: $5 and $10, then $x + y$ and $z$.",
      "It costs $5 today and " + "more words here. ".repeat(4) + "$" + Array.from({ length: 12 }, (_, k) => `b_${k} +`).join(" ") + " c$ end.",
      "设$x$为实数。".repeat(6),
    ];
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let round = 0; round < 300; round++) {
      const text = Array.from({ length: 3 + random(8) }, () => fragments[random(fragments.length)]).join("\n\n");
      let state = initialSegments();
      const cache: MathCache = { text: "", stable: 0, ranges: [] };
      for (let n = 0; n < text.length; ) {
        n = Math.min(text.length, n + 1 + random(40));
        state = advanceSegments(state, text.slice(0, n), 30, 120);
        // The streaming piece, parsed again only from its last block, is rewritten as parsed whole.
        const last = segmentsOf(state, text.slice(0, n)).at(-1)!;
        if (!last.startsWith(cache.text)) Object.assign(cache, { text: "", stable: 0, ranges: [] });
        expect(normalizeMathDelimiters(last, true, cache)).toBe(normalizeMathDelimiters(last, true));
      }
      const pieces = segmentsOf(state, text);
      expect(pieces.map((p) => normalizeMathDelimiters(p)).join(""), text).toBe(normalizeMathDelimiters(text));
      // No cut inside a formula: the pieces hold the formulas the whole answer holds.
      expect(pieces.flatMap((p) => mathOf(p)), text).toEqual(mathOf(text));
    }
  });

  it("never cuts a long paragraph inside $ … $ math, also after a price on the same line", () => {
    const formula = "$" + Array.from({ length: 30 }, (_, i) => `x_${i} +`).join(" ") + " y$";
    const text = "It costs $5 today, and " + "word ".repeat(30) + formula + " tail";
    let state = initialSegments();
    for (let n = 1; n <= text.length; n++) state = advanceSegments(state, text.slice(0, n), 20, 60);
    const open = text.indexOf("$x_0");
    const close = text.lastIndexOf("$");
    expect(state.cuts.length).toBeGreaterThan(1);
    for (const cut of state.cuts.slice(1)) expect(cut <= open || cut > close).toBe(true);
  });

  it("never cuts inside $$ … $$ whose closing dollars are half written, and still cuts a long line of prices", () => {
    const formula = "$$" + Array.from({ length: 20 }, (_, i) => `t_{${i}}`).join(" + ") + "$$";
    const text = "word ".repeat(20) + formula + " end " + "word ".repeat(40);
    let state = initialSegments();
    for (let n = 1; n <= text.length; n++) state = advanceSegments(state, text.slice(0, n), 20, 60);
    const open = text.indexOf("$$");
    const close = text.lastIndexOf("$$") + 2;
    for (const cut of state.cuts.slice(1)) expect(cut <= open || cut >= close).toBe(true);

    const prices = "The basic plan costs $5 and the pro plan $10 per month. " + "More words follow here. ".repeat(60);
    let priced = initialSegments();
    for (let n = 1; n <= prices.length; n++) priced = advanceSegments(priced, prices.slice(0, n), 200, 600);
    expect(priced.cuts.length).toBeGreaterThan(1);
  });

  it("never cuts right after a closing dollar, where what follows decides whether it closes a formula", () => {
    const text = "word ".repeat(11) + "and $x$ 2 more" + " word".repeat(60);
    let state = initialSegments();
    for (let n = 1; n <= text.length; n++) state = advanceSegments(state, text.slice(0, n), 20, 60);
    expect(state.cuts.length).toBeGreaterThan(1);
    expect(segmentsOf(state, text).flatMap((p) => mathOf(p))).toEqual(mathOf(text));
    for (const cut of state.cuts.slice(1)) expect(text[cut - 2]).not.toBe("$");
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
