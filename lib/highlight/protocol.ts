/**
 * Code highlighting off the main thread: the page asks a worker (highlight.worker.ts) to tokenize
 * a code block with shiki and gets the tokens back by message. This file is what both sides share:
 * the messages and the worker's side of the exchange.
 *
 * Why: shiki's first use of a language costs one uninterruptible task on the thread that runs it
 * (the grammar's chunk evaluated, its Oniguruma patterns converted to JavaScript RegExps, the first
 * tokenization): 50–75 ms for Python in the benchmark, at the first code block of each language
 * after a page load, in the middle of a streaming answer. In a worker that task no longer freezes
 * the page; only the tokens cross over.
 */
import type { HighlightOptions, HighlightResult } from "streamdown";

export type HighlightRequest = { id: number } & HighlightOptions;
export type HighlightReply = { id: number; result: HighlightResult };

/** The part of a MessagePort / Worker / worker global scope the exchange uses. */
export type Port = {
  postMessage(message: unknown): void;
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
};

type Highlight = (options: HighlightOptions, callback: (result: HighlightResult) => void) => HighlightResult | null;

/**
 * Answers highlight requests arriving on `port` with `highlight` (the shiki plugin's, which keeps
 * its own cache and tokenizes a growing block incrementally). Only what the page renders crosses
 * back: shiki's grammar state stays here.
 */
export function serveHighlights(port: Port, highlight: Highlight): void {
  port.addEventListener("message", (event: MessageEvent<HighlightRequest>) => {
    const { id, ...options } = event.data;
    const reply = (r: HighlightResult) => {
      const result: HighlightResult = { tokens: r.tokens, fg: r.fg, bg: r.bg, rootStyle: r.rootStyle };
      port.postMessage({ id, result } satisfies HighlightReply);
    };
    const ready = highlight(options, reply);
    if (ready) reply(ready);
  });
}
