/// <reference lib="webworker" />
// The code highlighter's worker (see protocol.ts): the shiki plugin Streamdown would otherwise run
// on the page's main thread.
import { code } from "@streamdown/code";
import { serveHighlights } from "./protocol";

serveHighlights(self as unknown as DedicatedWorkerGlobalScope, (options, callback) =>
  // Streamdown types a language as any string; the plugin falls back to plain text for one it lacks.
  code.highlight(options as Parameters<typeof code.highlight>[0], callback),
);
