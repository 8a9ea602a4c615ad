"use client";
// KaTeX's stylesheet is part of the page's CSS, not the lazy chunk's: answers arrive as formatted
// HTML before the chunk, and KaTeX's markup without its stylesheet shows every formula twice.
import "katex/dist/katex.min.css";
import { lazy, memo, startTransition, Suspense, useEffect, useState } from "react";

type Props = { text: string; streaming?: boolean };

const load = () => import("./markdown");

/**
 * The markdown stack (Streamdown with its remark/rehype pipeline and KaTeX; code is highlighted in
 * a worker, lib/highlight) is the heaviest part of the chat page, so it is a separate chunk loaded
 * on demand (React.lazy) instead of part of the page's first-load JS (bench/sections/client.ts
 * measures it). The server still renders answers as formatted HTML; hydrating them waits for the
 * chunk, which the browser fetches right after the page's own scripts. Rendered on the client
 * before the chunk has arrived, an answer shows as plain text in the same box; the chat page
 * loads the chunk when it is first idle (MarkdownWarmup), so a new chat's first answer does not.
 */
const LazyMarkdown = lazy(() => load().then((m) => ({ default: m.Markdown })));

export const Markdown = memo(function Markdown({ text, streaming = false }: Props) {
  return (
    <Suspense
      fallback={
        <div className="prose-chat whitespace-pre-wrap break-words leading-relaxed" data-testid="markdown-pending">
          {text}
        </div>
      }
    >
      <LazyMarkdown text={text} streaming={streaming} />
    </Suspense>
  );
});

// What the warm-up streams: one of each kind of block an answer has, with math in DeepSeek's
// `\( … \)` / `\[ … \]` delimiters. Never shown (see MarkdownWarmup), so it is not translated.
const SAMPLE_CODE = { language: "python", code: "def mean(xs: list[float]) -> float:\n    return sum(xs) / len(xs)" } as const;
const SAMPLE = [
  "## Warm-up",
  "Some **bold**, *italic*, `inline code` and a [link](https://example.com/), with \\(e^{i\\pi} + 1 = 0\\).",
  "- a point\n- [x] a finished task\n\n1. first\n2. second",
  "> a quotation",
  "| name | value |\n|---|---|\n| alpha | 1 |\n| beta | 2 |",
  `\`\`\`${SAMPLE_CODE.language}\n${SAMPLE_CODE.code}\n\`\`\``,
  "\\[\n\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}\n\\]",
  "Done.",
].join("\n\n");
/** Renders of the growing sample, as an answer streams in ~20 updates (the UI's throttle, 50 ms). */
const STEPS = 20;

type Idle = (done: () => void) => () => void;
const whenIdle: Idle = (done) => {
  if (typeof requestIdleCallback === "function") {
    const handle = requestIdleCallback(done, { timeout: 2_000 });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(done, 100); // Safari has no requestIdleCallback
  return () => clearTimeout(handle);
};

/** Once per page load: the JIT state it builds lives as long as the page. */
let warmed = false;

/**
 * Streams a small sample answer, unseen, through the Markdown stack when the chat page is first
 * idle, one render per idle period (as a transition, so typing goes first), then removes it. An
 * answer's first second otherwise runs that stack cold: its chunk not yet loaded on a new chat (the
 * answer shows as plain text, then reformats), its code not yet compiled by the JIT (the first
 * blocks' parse, KaTeX and React renders take several times longer), KaTeX's fonts not yet loaded
 * and the highlighter's worker not yet started. In the benchmark's 200-message chat that first
 * second had 2–6 long tasks of 52–107 ms at ten times DeepSeek's pace, and none once an answer had
 * streamed before it (bench/analysis.md, fourteenth session). Skipped when the browser asks to save
 * data. The chat unmounts it while an answer streams: that answer warms the stack up itself.
 */
export function MarkdownWarmup() {
  const [ready, setReady] = useState(false);
  const [step, setStep] = useState(0);
  useEffect(() => {
    const connection = (navigator as Navigator & { connection?: { saveData?: boolean } }).connection;
    if (warmed || connection?.saveData) return;
    let live = true;
    const cancel = whenIdle(() => {
      load().then(
        () => live && setReady(true),
        () => undefined, // not loaded (offline, a new deployment): an answer asks for it again
      );
    });
    return () => {
      live = false;
      cancel();
    };
  }, []);
  useEffect(() => {
    if (!ready || step > STEPS) return;
    // The whole sample is on the page: its code block has asked for the highlighter's worker, or
    // (on a busy machine, its body being a lazy chunk of Streamdown's) may not have yet; ask here.
    if (step === STEPS) void load().then((m) => m.warmUpHighlighter(SAMPLE_CODE.code, SAMPLE_CODE.language));
    return whenIdle(() => startTransition(() => setStep((s) => s + 1)));
  }, [ready, step]);
  // Unmounted once the chunk is here (an answer is streaming, or the chat was left), finished or
  // not: not again on this page. Finished and still mounted, it renders nothing.
  useEffect(() => {
    if (!ready) return;
    return () => {
      warmed = true;
    };
  }, [ready]);
  if (!ready || step > STEPS) return null;
  const text = SAMPLE.slice(0, Math.ceil((SAMPLE.length * (step + 1)) / STEPS));
  return (
    <div aria-hidden inert className="invisible fixed top-0 -left-[200vw] w-3xl max-w-[100vw] px-4" data-testid="markdown-warmup">
      <Suspense fallback={null}>
        <LazyMarkdown text={text} streaming={step < STEPS} />
      </Suspense>
    </div>
  );
}
