/**
 * The code-highlighter plugin Streamdown gets on the page: the same interface as
 * `@streamdown/code`, but the tokenizing happens in a worker (protocol.ts says why). A block shows
 * as plain code until its tokens arrive, as it does with the plugin's own asynchronous loading.
 * If the worker cannot start or fails, highlighting falls back to the plugin on the main thread.
 */
import { bundledLanguagesInfo } from "shiki/langs";
import type { CodeHighlighterPlugin, HighlightOptions, HighlightResult, ThemeInput } from "streamdown";
import type { HighlightReply, HighlightRequest, Port } from "./protocol";

type Request = { options: HighlightOptions; callback?: (result: HighlightResult) => void };
type Endpoint = Port & { addEventListener(type: "error", listener: (event: Event) => void): void; terminate?(): void };

const THEMES: [ThemeInput, ThemeInput] = ["github-light", "github-dark"];
/** Requests the worker has not answered (the plugin drops a failed one silently): the oldest go first. */
const PENDING_MAX = 256;
/** Finished blocks' tokens kept on the page, so a block rendered again shows highlighted at once. */
const CACHE_ENTRIES = 64;

const themeName = (t: ThemeInput) => (typeof t === "string" ? t : (t.name ?? "custom"));
const keyOf = (o: HighlightOptions) => `${o.language}|${themeName(o.themes[0])}|${themeName(o.themes[1])}\n${o.code}`;

const languageIds = new Set(bundledLanguagesInfo.flatMap((l) => [l.id, ...(l.aliases ?? [])]));

export function createWorkerHighlighter(
  spawn: () => Endpoint,
  fallback: () => Promise<CodeHighlighterPlugin> = () => import("@streamdown/code").then((m) => m.code),
): CodeHighlighterPlugin {
  let endpoint: Endpoint | undefined;
  let local: CodeHighlighterPlugin | undefined;
  let failed = false;
  let nextId = 1;
  const pending = new Map<number, Request>();
  const cache = new Map<string, HighlightResult>();

  // A result reaches the block that asked for it; a finished block's is also kept.
  const deliver = ({ options, callback }: Request, result: HighlightResult) => {
    if (!options.isIncomplete) {
      const key = keyOf(options);
      cache.delete(key);
      cache.set(key, result);
      if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
    }
    callback?.(result);
  };

  // The worker is gone: the requests it did not answer are highlighted on this thread instead.
  const failOver = () => {
    if (failed) return;
    failed = true;
    endpoint?.terminate?.();
    void fallback().then((plugin) => {
      local = plugin;
      const waiting = [...pending.values()];
      pending.clear();
      for (const request of waiting) {
        const ready = plugin.highlight(request.options, (r) => deliver(request, r));
        if (ready) request.callback?.(ready);
      }
    });
  };

  const start = (): Endpoint | undefined => {
    if (endpoint || failed) return endpoint;
    try {
      endpoint = spawn();
    } catch {
      failOver();
      return undefined;
    }
    endpoint.addEventListener("message", (event: MessageEvent<HighlightReply>) => {
      const { id, result } = event.data;
      const request = pending.get(id);
      if (!request) return;
      pending.delete(id);
      deliver(request, result);
    });
    endpoint.addEventListener("error", failOver);
    return endpoint;
  };

  return {
    name: "shiki",
    type: "code-highlighter",
    supportsLanguage: (language) => languageIds.has(language.trim().toLowerCase()),
    getSupportedLanguages: () => bundledLanguagesInfo.map((l) => l.id),
    getThemes: () => THEMES,
    highlight(options, callback) {
      // Only finished blocks are cached: a streaming block's key (its whole code) is not even built.
      const cached = options.isIncomplete ? undefined : cache.get(keyOf(options));
      if (cached) return cached;
      if (local) return local.highlight(options, callback);
      const id = nextId++;
      pending.set(id, { options, callback });
      if (pending.size > PENDING_MAX) pending.delete(pending.keys().next().value!);
      if (failed) return null; // the fallback is loading; failOver() picks this request up
      start()?.postMessage({ id, ...options } satisfies HighlightRequest);
      return null;
    },
  };
}

/** The page's highlighter: one worker, started at the first code block. */
export const workerCode = createWorkerHighlighter(
  () => new Worker(new URL("./highlight.worker.ts", import.meta.url), { type: "module", name: "shoal-highlighter" }),
);
