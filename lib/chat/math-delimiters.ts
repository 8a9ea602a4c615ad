/**
 * DeepSeek (like most models) writes LaTeX between `\[ … \]` (display) and `\( … \)` (inline), but
 * remark-math only knows dollar signs, and Markdown reads `\[` and `\(` as escaped brackets: the
 * formula would show as raw TeX with its delimiters eaten. This rewrites those delimiters to the
 * `$$` that remark-math parses (Shoal keeps single `$` as text, so prices like "$5 and $10" stay
 * prices):
 *
 * - a line that is only `\[` or `\]` becomes `$$` (a display block, indentation kept, so it stays
 *   inside a list item);
 * - `\[ x \]` alone on a line becomes a `$$` block of three lines;
 * - anywhere else, each delimiter becomes `$$` (inline math).
 *
 * Code is left alone (fenced blocks and inline code spans), and so is what is already between `$$`
 * lines or inside a `\[ … \]` block (TeX's own `\left(` or `\big[` are not delimiters). A delimiter
 * whose backslash is itself escaped is left alone too (`\\[2pt]` is a LaTeX row break with
 * spacing). Each piece of a streaming answer (lib/chat/stream-segments.ts) is rewritten on its own:
 * pieces start outside code and math, so a piece is rewritten as the whole answer would be, and a
 * finished piece's rewrite never changes.
 */
import { closesFence, fenceOf } from "./stream-segments";

const DOLLAR_BLOCK = /^\s*\$\$\s*$/;
const DISPLAY_OPEN = /^(\s*)\\\[\s*$/;
const DISPLAY_CLOSE = /^(\s*)\\\]\s*$/;
const DISPLAY_ONE_LINE = /^(\s*)\\\[(.*\S.*)\\\]\s*$/;

export function hasTexDelimiters(text: string): boolean {
  return /\\[[\]()]/.test(text);
}

export function normalizeMathDelimiters(text: string): string {
  if (!hasTexDelimiters(text)) return text;
  let fence: string | null = null;
  let dollars = false;
  let tex = false;
  return text
    .split("\n")
    .map((line) => {
      const marker = fenceOf(line);
      if (fence) {
        if (closesFence(line, fence)) fence = null;
        return line;
      }
      if (dollars) {
        if (DOLLAR_BLOCK.test(line)) dollars = false;
        return line;
      }
      if (tex) {
        const close = DISPLAY_CLOSE.exec(line);
        if (!close) return line;
        tex = false;
        return `${close[1]}$$`;
      }
      if (marker) {
        fence = marker;
        return line;
      }
      if (DOLLAR_BLOCK.test(line)) {
        dollars = true;
        return line;
      }
      const open = DISPLAY_OPEN.exec(line);
      if (open) {
        tex = true;
        return `${open[1]}$$`;
      }
      const one = DISPLAY_ONE_LINE.exec(line);
      if (one && !/`|\\[[\]]/.test(one[2])) return `${one[1]}$$\n${one[1]}${one[2].trim()}\n${one[1]}$$`;
      const inline = inlineDelimiters(line);
      // A stray delimiter alone on its line would open a display block that swallows the rest.
      return DOLLAR_BLOCK.test(inline) ? line : inline;
    })
    .join("\n");
}

/** `\(`, `\)`, `\[`, `\]` → `$$` outside inline code spans, unless the backslash is escaped. */
function inlineDelimiters(line: string): string {
  if (!hasTexDelimiters(line)) return line;
  let out = "";
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === "`") {
      // An inline code span: a run of n backticks up to the next run of exactly n.
      let n = 1;
      while (line[i + n] === "`") n++;
      const run = "`".repeat(n);
      let end = line.indexOf(run, i + n);
      while (end >= 0 && line[end + n] === "`") {
        let skip = end;
        while (line[skip] === "`") skip++;
        end = line.indexOf(run, skip);
      }
      const stop = end < 0 ? i + n : end + n;
      out += line.slice(i, stop);
      i = stop;
      continue;
    }
    if (c === "\\") {
      const next = line[i + 1];
      if (next === "[" || next === "]" || next === "(" || next === ")") {
        out += "$$";
        i += 2;
        continue;
      }
      // Any other escape (including `\\`) is kept whole, so `\\[` stays a LaTeX row break.
      out += line.slice(i, i + 2);
      i += 2;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}
