// Deterministic reply generation for the DeepSeek emulator: tokenisation, directives, reply text.

/** CJK ideographs, kana, hangul, CJK punctuation and full-width forms: one token per character. */
const CJK =
  "\\u2e80-\\u2fdf\\u3000-\\u303f\\u3040-\\u30ff\\u3100-\\u312f\\u3400-\\u4dbf\\u4e00-\\u9fff" +
  "\\uac00-\\ud7af\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uffef\\u{20000}-\\u{2ebef}";
const PIECE = new RegExp(`\\s*(?:[${CJK}]|[^\\s${CJK}]+)`, "gu");

/**
 * Split text into token pieces: optional leading whitespace + either one CJK character or one run of
 * non-whitespace, non-CJK characters. Trailing whitespace is appended to the last piece (or is the only piece).
 * `tokenize(t).join("") === t` always holds.
 */
export function tokenize(text: string): string[] {
  const pieces: string[] = [...(text.match(PIECE) ?? [])];
  const consumed = pieces.reduce((n, p) => n + p.length, 0);
  if (consumed < text.length) {
    const rest = text.slice(consumed);
    if (pieces.length > 0) pieces[pieces.length - 1] += rest;
    else pieces.push(rest);
  }
  return pieces;
}

export type ErrorStatus = 400 | 401 | 402 | 422 | 429 | 500 | 503;
export const ERROR_STATUSES: readonly number[] = [400, 401, 402, 422, 429, 500, 503];

export type Directives = {
  /** `[[error:S]]` always fails; `[[error:SxN]]` fails the first N identical requests (`times` = N). */
  error?: { status: ErrorStatus; times?: number };
  keepalive?: number;
  drop?: number;
  slow?: number;
  long?: number;
  reason?: number;
  /** `[[markdown:N]]`: answer with MARKDOWN_SAMPLE (a heading, a table, a code fence, math) N times, blank lines between */
  markdown?: number;
  /** `[[tables:N]]`: answer with N one-row tables (TABLE_SAMPLE, numbered), blank lines between */
  tables?: number;
  /** `[[paragraphs:N]]`: answer with N paragraphs of prose that wraps (paragraphSample, numbered), blank lines between */
  paragraphs?: number;
};

const DIRECTIVE = /\[\[(error|keepalive|drop|slow|long|reason|markdown|tables|paragraphs):(\d+)(?:x(\d+))?\]\]/g;

/** Parse directives out of a user message; returns them plus the text with all recognised directives removed. */
export function parseDirectives(text: string): { directives: Directives; text: string } {
  const directives: Directives = {};
  const stripped = text.replace(DIRECTIVE, (whole, name: string, value: string, times: string | undefined) => {
    const n = Number(value);
    if (name === "error") {
      if (!ERROR_STATUSES.includes(n)) return whole;
      directives.error = times === undefined ? { status: n as ErrorStatus } : { status: n as ErrorStatus, times: Number(times) };
      return "";
    }
    if (times !== undefined) return whole;
    if (name === "keepalive") directives.keepalive = n;
    else if (name === "drop") directives.drop = n;
    else if (name === "slow") directives.slow = n;
    else if (name === "long") directives.long = n;
    else if (name === "reason") directives.reason = n;
    else if (name === "markdown") directives.markdown = n;
    else if (name === "tables") directives.tables = n;
    else if (name === "paragraphs") directives.paragraphs = n;
    return "";
  });
  return { directives, text: stripped };
}

/** `numbered("word", 3)` → "word1 word2 word3" (exactly 3 tokens). */
export function numbered(word: string, count: number): string {
  const out: string[] = [];
  for (let i = 1; i <= count; i++) out.push(`${word}${i}`);
  return out.join(" ");
}

/** A multi-line answer for rendering tests (echoed text has its whitespace collapsed, so it cannot carry blocks). */
export const MARKDOWN_SAMPLE = [
  "## Fibonacci",
  "",
  "| n | fib(n) |",
  "|---|---|",
  "| 10 | 55 |",
  "",
  "- [x] iterative",
  "- [ ] recursive",
  "",
  "```python",
  "def fib(n):",
  "    a, b = 0, 1",
  "    for _ in range(n):",
  "        a, b = b, a + b",
  "    return a",
  "```",
  "",
  "$$",
  "F_n = \\frac{\\varphi^n - \\psi^n}{\\sqrt{5}}",
  "$$",
  "",
  "Done.",
].join("\n");

/** `tableSample(3)`: a one-row table, the last block of a streamed piece in tests of what a table's menu covers. */
export function tableSample(i: number): string {
  return `| table | value |\n|---|---|\n| t${i} | ${i * i} |`;
}

/** `paragraphSample(3)`: a paragraph of ~60 words, several lines at a chat's width, so its height depends on the width. */
export function paragraphSample(i: number): string {
  return `Paragraph p${i}: ${"the quick brown fox jumps over the lazy dog and runs on ".repeat(5).trim()}.`;
}

export type Reply = { reasoning: string[]; answer: string[]; message: string };

/**
 * Build the deterministic reply for the (directive-stripped) last user message.
 * message   = stripped text with whitespace runs collapsed to one space, trimmed; "(empty message)" if empty
 * reasoning = `The user said: "<message>". I will answer briefly.`   or numbered("thought", N) with [[reason:N]]
 * answer    = `**Echo:** You said: <message>`                          or numbered("word", N)    with [[long:N]]
 *                                                                        or MARKDOWN_SAMPLE × N    with [[markdown:N]]
 *                                                                        or tableSample(1..N)      with [[tables:N]]
 *                                                                        or paragraphSample(1..N)  with [[paragraphs:N]]
 */
export function buildReply(strippedUserText: string, directives: Directives, thinking: boolean): Reply {
  const message = strippedUserText.replace(/\s+/g, " ").trim() || "(empty message)";
  const reasoningText =
    directives.reason !== undefined
      ? numbered("thought", directives.reason)
      : `The user said: "${message}". I will answer briefly.`;
  // N samples (at least one), numbered from 1, blank lines between.
  const blocks = (n: number, sample: (i: number) => string) => Array.from({ length: Math.max(1, n) }, (_, i) => sample(i + 1)).join("\n\n");
  const answerText =
    directives.markdown !== undefined
      ? blocks(directives.markdown, () => MARKDOWN_SAMPLE)
      : directives.tables !== undefined
        ? blocks(directives.tables, tableSample)
        : directives.paragraphs !== undefined
          ? blocks(directives.paragraphs, paragraphSample)
          : directives.long !== undefined
            ? numbered("word", directives.long)
            : `**Echo:** You said: ${message}`;
  return { reasoning: thinking ? tokenize(reasoningText) : [], answer: tokenize(answerText), message };
}

/**
 * Chat prefix completion: the model continues `prefix`, the assistant text so far. When the prefix is
 * the start of the answer this request would give, the rest of that answer follows (so an answer cut
 * by max_tokens continues exactly where it stopped); otherwise a fixed continuation.
 */
export function continueReply(reply: Reply, prefix: string): Reply {
  const full = reply.answer.join("");
  const rest = full.startsWith(prefix) ? full.slice(prefix.length) : " (continued)";
  return { ...reply, answer: rest ? tokenize(rest) : [] };
}

export type Output = {
  reasoning: string[];
  answer: string[];
  finishReason: "stop" | "length";
};

/** Apply max_tokens: reasoning pieces are emitted first, then answer pieces; cut at maxTokens total. */
export function limitOutput(reply: Reply, maxTokens: number | undefined): Output {
  const total = reply.reasoning.length + reply.answer.length;
  if (maxTokens === undefined || total <= maxTokens) {
    return { reasoning: reply.reasoning, answer: reply.answer, finishReason: "stop" };
  }
  const reasoning = reply.reasoning.slice(0, maxTokens);
  const answer = reply.answer.slice(0, Math.max(0, maxTokens - reasoning.length));
  return { reasoning, answer, finishReason: "length" };
}

/** Text of a message `content` (string, array of parts, null). Non-text parts are JSON-serialised. */
export function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (content === null || content === undefined) return "";
  if (Array.isArray(content)) {
    return content
      .map((part) =>
        part && typeof part === "object" && (part as { type?: unknown }).type === "text"
          ? String((part as { text?: unknown }).text ?? "")
          : JSON.stringify(part),
      )
      .join("");
  }
  return JSON.stringify(content);
}
