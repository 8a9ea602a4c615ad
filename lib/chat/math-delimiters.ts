/**
 * DeepSeek (like most models) writes LaTeX between `\[ … \]` (display) and `\( … \)` (inline), but
 * remark-math only knows dollar signs, and Markdown reads `\[` and `\(` as escaped brackets: the
 * formula would show as raw TeX with its delimiters eaten. This rewrites those delimiters to the
 * `$$` that remark-math parses (Shoal keeps single `$` as text, so prices like "$5 and $10" stay
 * prices):
 *
 * - `\[` at the start of a line (after indentation or `>`), closed by `\]` on the same line or a
 *   later one before a blank line: a display block, its `$$` fences on lines of their own (the
 *   indentation and `>` kept, so it stays inside a list item or a quote);
 * - `\( … \)`, or `\[ … \]` inside a sentence, closed on the same line: inline math.
 *
 * A delimiter that is not closed is left as it is (while an answer streams, the formula being
 * written is shown as math from its opening line, see `open`). Where a delimiter cannot be math,
 * nothing changes: code of any kind, inline code, HTML, links and their targets, and what is already
 * math between dollars; a backslash that is itself escaped (`\\[2pt]` is a TeX row break). Code is
 * found by parsing the text as Markdown (micromark, with its math extension), not by guessing.
 *
 * Each piece of a streaming answer (lib/chat/stream-segments.ts) is rewritten on its own: pieces
 * start outside code and math, and a `\[` block ends at a blank line in both, so a piece is
 * rewritten as the whole answer would be.
 */
import type { Nodes } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { mathFromMarkdown } from "mdast-util-math";
import { math } from "micromark-extension-math";

const ANY_DELIMITER = /\\[[\]()]/;
/** What may come before a display block's `\[` on its line: indentation and quote markers. */
const LINE_PREFIX = /^[ \t>]*/;
const SKIPPED = new Set(["code", "inlineCode", "html", "math", "inlineMath", "link", "linkReference", "image", "imageReference", "definition"]);

export function hasTexDelimiters(text: string): boolean {
  return ANY_DELIMITER.test(text);
}

type Range = [number, number];

const PUNCTUATION = /^[.,;:!?。，；：！？]{1,2}$/;

/**
 * `$$` fences on lines of their own around the formula's lines, each after `prefix` (the `\[`
 * line's indentation and quote markers, which the formula's own lines carry too).
 */
function displayBlock(prefix: string, inner: string, closed: boolean, tail = ""): string {
  const lines = inner
    .split("\n")
    .map((line, k) => (k === 0 ? line : line.replace(LINE_PREFIX, "")).trim())
    .filter(Boolean);
  if (tail && lines.length) lines[lines.length - 1] += tail;
  return ["$$", ...lines.map((line) => prefix + line), ...(closed ? [prefix + "$$"] : [])].join("\n");
}

/** Source ranges the rewrite must not touch (code, HTML, links, existing math). */
function untouchable(text: string): Range[] {
  const tree = fromMarkdown(text, { extensions: [math({ singleDollarTextMath: false })], mdastExtensions: [mathFromMarkdown()] });
  const ranges: Range[] = [];
  const walk = (node: Nodes) => {
    const { start, end } = node.position ?? {};
    if (SKIPPED.has(node.type) && start?.offset !== undefined && end?.offset !== undefined) {
      ranges.push([start.offset, end.offset]);
      return;
    }
    if ("children" in node) for (const child of node.children) walk(child);
  };
  walk(tree);
  return ranges;
}

/** An unescaped delimiter (`\(`, `\)`, `\[` or `\]`) at `i`: an even number of backslashes before it. */
function delimiterAt(text: string, i: number): string | undefined {
  if (text[i] !== "\\" || !"[]()".includes(text[i + 1] ?? "")) return undefined;
  let slashes = 0;
  for (let j = i - 1; j >= 0 && text[j] === "\\"; j--) slashes++;
  return slashes % 2 === 0 ? text.slice(i, i + 2) : undefined;
}

/**
 * Rewrite `\( … \)` and `\[ … \]` to `$$`. `open`: the text is still being written (the piece of an
 * answer that is streaming), so a display block whose `\]` has not arrived yet is shown as math.
 */
export function normalizeMathDelimiters(text: string, open = false): string {
  if (!hasTexDelimiters(text)) return text;
  const skip = untouchable(text);
  const skipped = (i: number) => skip.some(([a, b]) => i >= a && i < b);
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
    const blank = /\n[ \t>]*\n/g;
    blank.lastIndex = i;
    return blank.exec(text)?.index ?? text.length;
  };

  let out = "";
  let at = 0;
  for (let i = text.indexOf("\\"); i >= 0; i = text.indexOf("\\", i)) {
    const d = delimiterAt(text, i);
    if (!d || d === "\\)" || d === "\\]" || skipped(i)) {
      i += d ? 2 : 1;
      continue;
    }
    const start = lineStart(i);
    const prefix = LINE_PREFIX.exec(text.slice(start, i))![0];
    const sameLine = find(d === "\\(" ? "\\)" : "\\]", i + 2, lineEnd(i));
    const aloneOnLine = d === "\\[" && start + prefix.length === i;
    if (aloneOnLine) {
      // A display block: `\]` on this line (alone on it, else inline below) or before a blank line.
      const close = sameLine >= 0 ? sameLine : find("\\]", i + 2, blockEnd(i));
      const after = close >= 0 ? text.slice(close + 2, lineEnd(close)).trim() : "";
      if (close >= 0 && (sameLine < 0 || after === "")) {
        // Punctuation after `\]` ends the formula's sentence: it goes inside, as in TeX.
        const tail = PUNCTUATION.test(after) ? after : "";
        const rest = after && !tail ? `\n${prefix}${after}` : "";
        out += text.slice(at, i) + displayBlock(prefix, text.slice(i + 2, close), true, tail) + rest;
        at = lineEnd(close);
        i = at;
        continue;
      }
      if (close < 0 && open && blockEnd(i) === text.length) {
        // Still being written: show it as math from here (Streamdown closes the block for now).
        return out + text.slice(at, i) + displayBlock(prefix, text.slice(i + 2), false);
      }
    }
    if (sameLine >= 0) {
      out += `${text.slice(at, i)}$$${text.slice(i + 2, sameLine)}$$`;
      at = sameLine + 2;
      i = at;
      continue;
    }
    i += 2;
  }
  return out + text.slice(at);
}
