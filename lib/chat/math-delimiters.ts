/**
 * DeepSeek (like most models) writes LaTeX between `\[ … \]` (display) and `\( … \)` (inline), and
 * sometimes between single dollars, but remark-math is configured for `$$` only (a single `$` is
 * far more often a price), and Markdown reads `\[` and `\(` as escaped brackets: the formula would
 * show as raw TeX with its delimiters eaten. This rewrites those delimiters to the `$$` that
 * remark-math parses:
 *
 * - `\[` at the start of a line (after indentation or `>`), closed by `\]` on the same line or a
 *   later one before a blank line: a display block, its `$$` fences on lines of their own (the
 *   indentation and `>` kept, so it stays inside a list item or a quote);
 * - `\( … \)`, or `\[ … \]` inside a sentence, closed on the same line: inline math (but not an
 *   escaped citation like `\[1\]`);
 * - `$ … $` on one line, by Pandoc's rule for TeX between dollars: the opening `$` has a non-space
 *   after it, the closing one a non-space before it and no digit after it, and there is no other
 *   `$` between them. So "$x$" and "$a + b$" are math, and "$5 and $10", "$5–$10" or "US$5" stay
 *   prices.
 *
 * A delimiter that is not closed is left as it is (while an answer streams, the formula being
 * written is shown as math from its opening line, see `open`). Where a delimiter cannot be math,
 * nothing changes: code of any kind, inline code, HTML, links and their targets, and what is already
 * math between dollars; a backslash that is itself escaped (`\\[2pt]` is a TeX row break). Code is
 * found by parsing the text as Markdown (micromark, with its math extension), not by guessing.
 *
 * Each piece of a streaming answer (lib/chat/stream-segments.ts) is rewritten on its own: pieces
 * start outside code and math, and a `\[` block ends at a blank line in both, so a piece is
 * rewritten as the whole answer would be. The piece still being written is parsed again on each
 * update only from its last top-level block (`MathCache`), so a long piece costs what its new text
 * costs.
 */
import type { Nodes, Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { mathFromMarkdown } from "mdast-util-math";
import { gfm } from "micromark-extension-gfm";
import { math } from "micromark-extension-math";

const ANY_DELIMITER = /\\[[\]()]/;
/** A possible `$ … $` pair (a superset of what `dollarClose` accepts: a cheap test first). */
const DOLLAR_PAIR = /\$[^\s$][^$\n]*\$(?!\d)/;
/** What may come before a display block's `\[` on its line: indentation and quote markers. */
const LINE_PREFIX = /^[ \t>]*/;
const SKIPPED = new Set(["code", "inlineCode", "html", "math", "inlineMath", "link", "linkReference", "image", "imageReference", "definition"]);
/** Punctuation after a display formula's `\]` ends its sentence: it goes inside, as in TeX. */
const PUNCTUATION = /^[.,;:!?。，；：！？]{1,2}$/;
/** `\[1\]`, `\[2, 3\]`: an escaped citation, not a formula. */
const CITATION = /^\s*\d+(?:\s*[,–-]\s*\d+)*\s*$/;
const BLANK_LINE = /\r?\n[ \t>]*\r?\n/g;
/** Where a delimiter may start: a backslash or a dollar. */
const NEXT_MARK = /[\\$]/g;

export function hasTexDelimiters(text: string): boolean {
  return ANY_DELIMITER.test(text) || DOLLAR_PAIR.test(text);
}

/** Whether the `$` at `i` is a single one: not part of `$$`, not escaped. */
function loneDollar(text: string, i: number): boolean {
  if (text[i] !== "$" || text[i - 1] === "$" || text[i + 1] === "$") return false;
  let slashes = 0;
  for (let j = i - 1; j >= 0 && text[j] === "\\"; j--) slashes++;
  return slashes % 2 === 0;
}

/** An inline formula between single dollars is at most this long (longer ones are display math). */
export const MAX_DOLLAR_FORMULA = 300;
/** Chinese or full-width punctuation: prose, not TeX (unless in braces: `\text{面积}`, `x_{最大}`). */
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
/** After a closing `$`: an ordinal or plural ending ("the $n$th", "$k$s") is text around a formula. */
const SUFFIX = /^(?:st|nd|rd|th|s|es)(?![A-Za-z0-9])/;

function cjkOutsideBraces(formula: string): boolean {
  let depth = 0;
  for (const c of formula) {
    if (c === "{") depth++;
    else if (c === "}") depth = Math.max(0, depth - 1);
    else if (depth === 0 && CJK.test(c)) return true;
  }
  return false;
}

/** Whether the single `$` at `i` may open an inline formula: a non-space after it, no letter or digit before it (`US$5`, `$A$1`). */
export function opensDollar(text: string, i: number): boolean {
  return loneDollar(text, i) && /\S/.test(text[i + 1] ?? " ") && !/[A-Za-z0-9]/.test(text[i - 1] ?? "");
}

/**
 * Where the inline formula that the single `$` at `i` opens is closed, before `end` (its line's
 * end): Pandoc's rule (a non-space after the opening `$`; the next `$` single and unescaped, with a
 * non-space before it and no digit after it), made stricter against prices, spreadsheet references
 * and shell variables: no letter or digit right before the opening `$`, none right after the
 * closing one but an ordinal or plural ending (nor a space and a digit: "R$ 20"; nor `(` or `{`:
 * `$(pwd)/$(date)`, `${A}/${B}`), no Chinese in the formula outside braces, and at most
 * `MAX_DOLLAR_FORMULA` characters. -1 when it is not a formula.
 */
export function dollarClose(text: string, i: number, end: number): number {
  if (!opensDollar(text, i)) return -1;
  const close = text.indexOf("$", i + 1);
  if (close < 0 || close >= end || close - i > MAX_DOLLAR_FORMULA || !loneDollar(text, close)) return -1;
  const after = text.slice(close + 1, close + 4);
  if (!/\S/.test(text[close - 1]) || /^(?:[(\[{]|\s\d)/.test(after) || (/^[A-Za-z0-9]/.test(after) && !SUFFIX.test(text.slice(close + 1)))) return -1;
  return cjkOutsideBraces(text.slice(i + 1, close)) ? -1 : close;
}

type Range = [number, number];

/**
 * What the last rewrite of a growing text parsed: its text, where its last top-level block starts
 * (`stable`), and the untouchable ranges before that. Kept by the caller between updates.
 */
export type MathCache = { text: string; stable: number; ranges: Range[]; rows?: Range[] };

/**
 * `$$` fences on lines of their own around the formula's lines, each after `prefix` (the `\[`
 * line's indentation and quote markers, which the formula's own lines carry too).
 */
function displayBlock(prefix: string, inner: string, tail = ""): string {
  const lines = inner
    .split("\n")
    .map((line, k) => (k === 0 ? line : line.replace(LINE_PREFIX, "")).trim())
    .filter(Boolean);
  if (tail && lines.length) lines[lines.length - 1] += tail;
  return ["$$", ...lines.map((line) => prefix + line), prefix + "$$"].join("\n");
}

// Parsed as the app renders (GFM: a bare URL is a link, a table's cells are cells).
function parse(text: string): Root {
  return fromMarkdown(text, { extensions: [gfm(), math({ singleDollarTextMath: false })], mdastExtensions: [gfmFromMarkdown(), mathFromMarkdown()] });
}

/** Untouchable ranges, and the tables' rows (a formula between dollars stays in its cell). */
function rangesOf(tree: Root, offset: number): { skip: Range[]; rows: Range[] } {
  const skip: Range[] = [];
  const rows: Range[] = [];
  const walk = (node: Nodes) => {
    const { start, end } = node.position ?? {};
    if (start?.offset === undefined || end?.offset === undefined) return;
    const range: Range = [start.offset + offset, end.offset + offset];
    if (SKIPPED.has(node.type)) return void skip.push(range);
    if (node.type === "tableRow") rows.push(range);
    if ("children" in node) for (const child of node.children) walk(child);
  };
  walk(tree);
  return { skip, rows };
}

/**
 * Source ranges the rewrite must not touch (code, HTML, links, existing math). With a cache from
 * a shorter version of the same text, only the text from its last top-level block on is parsed: a
 * block that starts a line after a blank line is parsed the same way on its own.
 */
function untouchable(text: string, cache?: MathCache): { skip: Range[]; rows: Range[] } {
  const reuse = cache && text.startsWith(cache.text) ? cache : undefined;
  const from = reuse?.stable ?? 0;
  const tree = parse(text.slice(from));
  const found = rangesOf(tree, from);
  const skip = [...(reuse?.ranges ?? []), ...found.skip];
  const rows = [...(reuse?.rows ?? []), ...found.rows];
  if (cache) {
    let stable = from;
    for (const child of tree.children) {
      const start = (child.position?.start.offset ?? 0) + from;
      if (start > stable && child.position?.start.column === 1 && /\n[ \t]*\r?\n$/.test(text.slice(Math.max(0, start - 8), start))) stable = start;
    }
    const before = ([, end]: Range) => end <= stable;
    Object.assign(cache, { text, stable, ranges: skip.filter(before), rows: rows.filter(before) });
  }
  return { skip, rows };
}

/** An unescaped delimiter (`\(`, `\)`, `\[` or `\]`) at `i`: an even number of backslashes before it. */
function delimiterAt(text: string, i: number): string | undefined {
  if (text[i] !== "\\" || !"[]()".includes(text[i + 1] ?? "")) return undefined;
  let slashes = 0;
  for (let j = i - 1; j >= 0 && text[j] === "\\"; j--) slashes++;
  return slashes % 2 === 0 ? text.slice(i, i + 2) : undefined;
}

/** Whether `line` has an unescaped `\]`. */
export function closesTexBlock(line: string): boolean {
  for (let i = line.indexOf("\\]"); i >= 0; i = line.indexOf("\\]", i + 1)) if (delimiterAt(line, i)) return true;
  return false;
}

/** Whether `line` opens a `\[` display block: `\[` first after indentation or `>`, not closed on it. */
export function opensTexBlock(line: string): boolean {
  const start = LINE_PREFIX.exec(line)![0].length;
  return delimiterAt(line, start) === "\\[" && !closesTexBlock(line.slice(start + 2));
}

/**
 * Rewrite `\( … \)` and `\[ … \]` to `$$`. `open`: the text is still being written (the piece of an
 * answer that is streaming), so a display block whose `\]` has not arrived yet is shown as math.
 * `cache`: kept between calls for a text that grows (see `MathCache`).
 */
export function normalizeMathDelimiters(text: string, open = false, cache?: MathCache): string {
  if (!hasTexDelimiters(text)) return text;
  const { skip, rows } = untouchable(text, cache);
  /** The first untouchable range that ends after `i` (they are disjoint and in order: a binary search). */
  const rangeAfter = (i: number) => {
    let lo = 0;
    let hi = skip.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (skip[mid][1] <= i) lo = mid + 1;
      else hi = mid;
    }
    return skip[lo] as Range | undefined;
  };
  const skipped = (i: number) => (rangeAfter(i)?.[0] ?? Infinity) <= i;
  const lineStart = (i: number) => text.lastIndexOf("\n", i - 1) + 1;
  const lineEnd = (i: number) => {
    const nl = text.indexOf("\n", i);
    return nl < 0 ? text.length : nl;
  };
  /** The next delimiter `want` from `from`, before `limit`, outside what is skipped. */
  const find = (want: string, from: number, limit: number) => {
    for (let i = text.indexOf(want, from); i >= 0 && i < limit; i = text.indexOf(want, i + 1)) {
      if (delimiterAt(text, i) === want && !skipped(i)) return i;
    }
    return -1;
  };
  /** Where the paragraph that holds `i` ends: the next blank line, or the end of the text. */
  const blockEnd = (i: number) => {
    BLANK_LINE.lastIndex = i;
    return BLANK_LINE.exec(text)?.index ?? text.length;
  };
  /** A space between `$$` and a `$` next to it, which would make a longer run of dollars. */
  const pad = (c: string | undefined) => (c === "$" ? " " : "");

  /** Whether nothing untouchable starts or ends within [from, to). */
  const clear = (from: number, to: number) => (rangeAfter(from)?.[0] ?? Infinity) >= to;
  const next = (from: number) => {
    NEXT_MARK.lastIndex = from;
    return NEXT_MARK.exec(text)?.index ?? -1;
  };

  let out = "";
  let at = 0;
  for (let i = next(0); i >= 0; i = next(i)) {
    if (text[i] === "$") {
      // `$ … $` becomes `$$ … $$`; any other run of dollars is passed over whole.
      const close = skipped(i) ? -1 : dollarClose(text, i, lineEnd(i));
      // In a table row, a `|` between the dollars is a cell boundary (GFM splits cells first).
      const inRow = rows.some(([a, b]) => a <= i && i < b);
      if (close >= 0 && clear(i, close + 1) && !(inRow && /(^|[^\\])\|/.test(text.slice(i + 1, close)))) {
        out += `${text.slice(at, i)}$$${text.slice(i + 1, close)}$$`;
        at = close + 1;
        i = at;
        continue;
      }
      while (text[i] === "$") i++;
      continue;
    }
    const d = delimiterAt(text, i);
    if (!d || d === "\\)" || d === "\\]" || skipped(i)) {
      i += d ? 2 : 1;
      continue;
    }
    const start = lineStart(i);
    const prefix = LINE_PREFIX.exec(text.slice(start, i))![0];
    const sameLine = find(d === "\\(" ? "\\)" : "\\]", i + 2, lineEnd(i));
    if (d === "\\[" && start + prefix.length === i) {
      // A display block: closed on this line (with nothing but punctuation after it, else it is
      // inline, below) or on a later line before a blank line.
      const close = sameLine >= 0 ? sameLine : find("\\]", i + 2, blockEnd(i));
      const after = close >= 0 ? text.slice(close + 2, lineEnd(close)).trim() : "";
      const tail = PUNCTUATION.test(after) ? after : "";
      if (close >= 0 && text.slice(i + 2, close).trim() && (sameLine < 0 || after === tail)) {
        out += text.slice(at, i) + displayBlock(prefix, text.slice(i + 2, close), tail);
        if (after && !tail) {
          // Text after the `\]` goes on a line of its own and is rewritten like any other.
          out += `\n${prefix}`;
          at = close + 2;
          while (text[at] === " " || text[at] === "\t") at++;
        } else at = lineEnd(close);
        i = at;
        continue;
      }
      if (close < 0 && open && blockEnd(i) === text.length) {
        // Still being written: shown as math from here, closed for now.
        return out + text.slice(at, i) + displayBlock(prefix, text.slice(i + 2));
      }
    }
    const inner = sameLine >= 0 ? text.slice(i + 2, sameLine) : "";
    if (inner.trim() && !(d === "\\[" && CITATION.test(inner))) {
      out += text.slice(at, i);
      out += `${pad(out.at(-1))}$$${inner}$$${pad(text[sameLine + 2])}`;
      at = sameLine + 2;
      i = at;
      continue;
    }
    i += 2;
  }
  return out + text.slice(at);
}
