import { MessageChannel } from "node:worker_threads";
import { code } from "@streamdown/code";
import type { HighlightOptions, HighlightResult } from "streamdown";
import { afterEach, describe, expect, test } from "vitest";
import { createWorkerHighlighter } from "@/lib/highlight/client";
import { serveHighlights, type Port } from "@/lib/highlight/protocol";

// The page's side and the worker's side of the highlighter, joined by a real MessageChannel
// (structured clone, as between a page and its worker), with the real shiki plugin on the far side.
const channels: MessageChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

function overChannel() {
  const channel = new MessageChannel();
  channels.push(channel);
  let served = 0;
  serveHighlights(channel.port2 as unknown as Port, (options, callback) => {
    served++;
    return code.highlight(options as Parameters<typeof code.highlight>[0], callback);
  });
  const plugin = createWorkerHighlighter(() => channel.port1 as never);
  return { plugin, served: () => served };
}

const themes: HighlightOptions["themes"] = ["github-light", "github-dark"];
const python = 'def greet(name: str) -> str:\n    """Say hello."""\n    return f"Hello, {name}!"\n';

/** What the plugin gives on the main thread, for comparison. */
function direct(options: HighlightOptions): Promise<HighlightResult> {
  return new Promise((resolve) => {
    const ready = code.highlight(options as Parameters<typeof code.highlight>[0], resolve);
    if (ready) resolve(ready);
  });
}

function highlightVia(plugin: ReturnType<typeof createWorkerHighlighter>, options: HighlightOptions): Promise<{ result: HighlightResult; sync: boolean }> {
  return new Promise((resolve) => {
    const ready = plugin.highlight(options, (result) => resolve({ result, sync: false }));
    if (ready) resolve({ result: ready, sync: true });
  });
}

describe("code highlighting in a worker", () => {
  test("the tokens that come back are shiki's, colours for both themes included", async () => {
    const { plugin } = overChannel();
    const options = { code: python, language: "python", themes };
    const { result, sync } = await highlightVia(plugin, options);
    expect(sync).toBe(false);
    const expected = await direct(options);
    expect(result.tokens).toEqual(expected.tokens);
    expect(result.tokens[0].map((t) => t.content).join("")).toBe("def greet(name: str) -> str:");
    // `def` is a keyword: it has its own colour, not the plain text's.
    const def = result.tokens[0][0];
    expect(def.content).toBe("def");
    expect(JSON.stringify(def)).not.toBe(JSON.stringify(result.tokens[0].find((t) => t.content.includes("greet"))));
  });

  test("a block that grows is highlighted at each step; a finished one is then answered at once", async () => {
    const { plugin, served } = overChannel();
    const lines = python.split("\n");
    for (let n = 1; n < lines.length; n++) {
      const partial = lines.slice(0, n).join("\n");
      const { result } = await highlightVia(plugin, { code: partial, language: "py", themes, isIncomplete: true });
      expect(result.tokens.map((row) => row.map((t) => t.content).join("")).join("\n")).toBe(partial);
    }
    const done = { code: python, language: "py", themes };
    expect((await highlightVia(plugin, done)).sync).toBe(false);
    const before = served();
    const again = await highlightVia(plugin, done);
    expect(again.sync).toBe(true);
    expect(served()).toBe(before);
  });

  test("if the worker cannot start, the main thread highlights instead", async () => {
    const plugin = createWorkerHighlighter(() => {
      throw new Error("Worker is not available here");
    });
    const options = { code: "const x = 1;", language: "ts", themes };
    const { result } = await highlightVia(plugin, options);
    expect(result.tokens).toEqual((await direct(options)).tokens);
  });

  test("if the worker fails, the requests it had not answered are highlighted on the main thread", async () => {
    const listeners: Record<string, ((e: never) => void)[]> = { message: [], error: [] };
    const posted: unknown[] = [];
    // A worker that accepts requests and then dies without answering (e.g. its script failed to load).
    let terminated = false;
    const dead = {
      postMessage: (m: unknown) => posted.push(m),
      addEventListener: (type: string, l: (e: never) => void) => listeners[type].push(l),
      terminate: () => (terminated = true),
    };
    const plugin = createWorkerHighlighter(() => dead as never);
    const answer = highlightVia(plugin, { code: "SELECT 1;", language: "sql", themes });
    expect(posted).toHaveLength(1);
    for (const l of listeners.error) l(new Event("error") as never);
    expect(terminated).toBe(true);
    const { result } = await answer;
    expect(result.tokens.flat().map((t) => t.content).join("")).toBe("SELECT 1;");
    // Later blocks go straight to the main thread's highlighter.
    await highlightVia(plugin, { code: "SELECT 2;", language: "sql", themes });
    expect(posted).toHaveLength(1);
  });

  test("languages: ids and aliases are known, others are not", () => {
    const { plugin } = overChannel();
    expect(plugin.supportsLanguage("python")).toBe(true);
    expect(plugin.supportsLanguage("py")).toBe(true);
    expect(plugin.supportsLanguage("TS")).toBe(true);
    expect(plugin.supportsLanguage("not-a-language")).toBe(false);
    expect(plugin.getSupportedLanguages()).toContain("rust");
  });
});
