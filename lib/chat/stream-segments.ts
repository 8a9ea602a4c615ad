/**
 * Cutting a streaming Markdown answer into pieces that can be rendered once and then left alone.
 *
 * While an answer streams, the whole text changes on every update, so rendering it as one
 * document re-parses (and the browser re-lays out) everything, which grows with the answer: a
 * 10,000-token answer made every frame janky. Streamdown already memoizes per Markdown block, but
 * its block split and a long block's parse still run over the whole text. Here the text is cut at
 * places where a cut cannot change the rendering of what comes before: blank lines outside code
 * fences and display math, before a line that is not indented (a continuation of a list item or a
 * lazy code block would be). A single paragraph that grows past `maxChars` is also cut, after a
 * sentence or a word, where no inline code, strong emphasis or math is open, so a long answer
 * without paragraphs streams in pieces too (the pieces show as separate paragraphs; an answer keeps
 * its pieces when it ends, and renders as one document when the chat is opened again).
 *
 * Cuts are stable: once made, the text before them never changes, so each finished piece is
 * rendered exactly once. The state advances incrementally (only new text is scanned).
 */
import { closesTexBlock, dollarClose, MAX_DOLLAR_FORMULA, opensDollar, opensTexBlock } from "./math-delimiters";

export type SegmentState = {
  /** Offsets where pieces start; the first is always 0. */
  cuts: number[];
  /** Offset of the first character of the first line not yet scanned. */
  scanned: number;
  /** The opening fence of the code block we are inside, if any. */
  fence: string | null;
  /** Inside a `$$` display-math block. */
  math: boolean;
  /** Inside a `\[` display block: its `\[` line seen, and neither its `\]` nor a blank line yet. */
  tex: boolean;
  /** The previous scanned line was blank (outside fences and math). */
  afterBlank: boolean;
};

export const MIN_SEGMENT_CHARS = 1_200;
export const MAX_SEGMENT_CHARS = 4_000;

export function initialSegments(): SegmentState {
  return { cuts: [0], scanned: 0, fence: null, math: false, tex: false, afterBlank: false };
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const MATH_FENCE = /^ {0,3}\$\$\s*$/;
// A piece must not start with something that would make it a different block than it was (a
// `\[` at the start of a line opens display math, lib/chat/math-delimiters.ts).
const BLOCK_START = /^(?:[#>|*+\-]|\d+[.)]\s|\s|\\\[)/;
const SENTENCE_END = /[.!?。！？]/;
const CJK_STOP = /[。！？；]/;

export function advanceSegments(prev: SegmentState, text: string, minChars = MIN_SEGMENT_CHARS, maxChars = MAX_SEGMENT_CHARS): SegmentState {
  const s: SegmentState = { ...prev, cuts: [...prev.cuts] };
  const lastCut = () => s.cuts[s.cuts.length - 1];
  for (let nl = text.indexOf("\n", s.scanned); nl >= 0; nl = text.indexOf("\n", s.scanned)) {
    const line = text.slice(s.scanned, nl);
    const fence = FENCE.exec(line)?.[1];
    if (s.fence) {
      if (fence && fence[0] === s.fence[0] && fence.length >= s.fence.length && line.trim() === fence) s.fence = null;
      s.afterBlank = false;
    } else if (fence) {
      s.fence = fence;
      s.afterBlank = false;
    } else if (MATH_FENCE.test(line)) {
      s.math = !s.math;
      s.afterBlank = false;
    } else if (s.math) {
      s.afterBlank = false;
    } else if (line.trim() === "") {
      s.afterBlank = true;
      s.tex = false;
    } else if (s.tex) {
      if (closesTexBlock(line)) s.tex = false;
      s.afterBlank = false;
    } else {
      if (s.afterBlank && /^\S/.test(line) && s.scanned - lastCut() >= minChars) s.cuts.push(s.scanned);
      s.afterBlank = false;
      // DeepSeek's display math (lib/chat/math-delimiters.ts) ends at its `\]` or a blank line.
      if (opensTexBlock(line)) s.tex = true;
    }
    s.scanned = nl + 1;
  }
  // A long paragraph still being written (the current, unfinished line).
  if (!s.fence && !s.math && !s.tex) {
    const lineStart = Math.max(s.scanned, lastCut());
    if (text.length > lineStart && text.length - lastCut() > maxChars && !BLOCK_START.test(text.slice(s.scanned, s.scanned + 4))) {
      const cut = paragraphCut(text, lineStart, lastCut() + minChars, text.length - 64);
      if (cut !== undefined) s.cuts.push(cut);
    }
  }
  return s;
}

/**
 * The last place in [from, to) of the line still being written (the text's last: it has no
 * newline after `lineStart`), after a sentence (else after a word), where no inline span is open:
 * inline code, `**`/`__` emphasis, math (`\( … \)`, `$ … $`, `$$ … $$`), link text or target.
 */
function paragraphCut(text: string, lineStart: number, from: number, to: number): number | undefined {
  if (to <= from) return undefined;
  let code = false;
  let strong = false;
  let under = false;
  let math = false;
  let brackets = 0;
  let parens = 0;
  let best: number | undefined;
  let bestIsSentence = false;
  for (let i = lineStart; i < to; i++) {
    const c = text[i];
    if (c === "`") code = !code;
    else if (code) continue;
    else if (c === "\\") {
      // `\(`…`\)` and `\[`…`\]` are math too (DeepSeek writes them); any other escape is skipped.
      const next = text[i + 1];
      if (next === "(" || next === "[") math = true;
      else if (next === ")" || next === "]") math = false;
      i++;
    } else if (c === "*" && text[i + 1] === "*") (strong = !strong), i++;
    else if (c === "_" && text[i + 1] === "_") (under = !under), i++;
    else if (c === "$") {
      // A formula between dollars (`$x$`, `$$x$$`) is passed over whole; so is a price. One that
      // may still be closed (its closing dollars not written yet) keeps the rest of the line uncut.
      let run = 1;
      while (text[i + run] === "$") run++;
      const close = run === 1 ? dollarClose(text, i, text.length) : text.indexOf("$".repeat(run), i + run);
      if (close >= 0) i = close + run - 1;
      else if (run > 1 || mayOpenDollar(text, i)) math = true;
      else i += run - 1;
    }
    else if (c === "[") brackets++;
    else if (c === "]") brackets = Math.max(0, brackets - 1);
    else if (c === "(") parens++;
    else if (c === ")") parens = Math.max(0, parens - 1);
    else if ((/\s/.test(c) || CJK_STOP.test(c)) && i + 1 >= from && !/\s/.test(text[i + 1] ?? " ")) {
      // After a space, or right after a full-width stop (Chinese has no spaces between sentences).
      // (Not right after a `$`: what follows a formula's closing dollar decides whether it is one.)
      if (strong || under || math || brackets || parens || text[i - 1] === "$" || BLOCK_START.test(text.slice(i + 1, i + 5))) continue;
      const sentence = CJK_STOP.test(c) || SENTENCE_END.test(text[i - 1] ?? "");
      if (sentence || !bestIsSentence) {
        best = i + 1;
        bestIsSentence = sentence;
      }
    }
  }
  return best;
}

/**
 * Whether the single `$` at `i`, on the line still being written, may become a formula once more
 * text arrives: it could open one, no `$` follows it yet, and it is within a formula's length of
 * the end.
 */
function mayOpenDollar(text: string, i: number): boolean {
  return text.length - i <= MAX_DOLLAR_FORMULA && opensDollar(text, i) && !text.includes("$", i + 1);
}

/** The pieces of `text` for the given state: all but the last are final. */
export function segmentsOf(state: SegmentState, text: string): string[] {
  return state.cuts.map((start, i) => text.slice(start, state.cuts[i + 1] ?? text.length));
}
