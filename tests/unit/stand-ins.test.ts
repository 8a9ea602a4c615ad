import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as gatewayStandIn from "@/lib/stand-ins/ai-gateway";
import rehypeRawStandIn from "@/lib/stand-ins/rehype-raw";

// The browser build resolves these packages to Shoal's stand-ins (next.config.ts,
// turbopack.resolveAlias); these tests read the installed packages that import them.
const root = path.resolve(import.meta.dirname, "../..");

/** Every `.js` file under a folder, recursively. */
function scripts(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".js"))
    .map((f) => readFileSync(path.join(dir, f), "utf8"));
}

describe("the browser's stand-in for @ai-sdk/gateway", () => {
  // What the browser's AI SDK packages import from it: named imports only, so that the build
  // links them (a namespace or dynamic import would find a missing name only at run time).
  const sources = ["ai", "@ai-sdk/react"].flatMap((pkg) => scripts(path.join(root, "node_modules", pkg, "dist")));
  const mentions = sources.flatMap((s) => [...s.matchAll(/["']@ai-sdk\/gateway["']/g)]).length;
  const named = sources.flatMap((s) => [...s.matchAll(/import\s*\{([^}]*)\}\s*from\s*["']@ai-sdk\/gateway["']/g)]);
  const imported = named.flatMap((m) => m[1].split(",").map((name) => name.trim().split(/\s+as\s+/)[0]).filter(Boolean));

  it("exports every name the installed ai package imports from it, and nothing imports it otherwise", () => {
    expect(imported.length).toBeGreaterThan(0);
    expect(named.length).toBe(mentions);
    for (const name of imported) expect(Object.keys(gatewayStandIn), name).toContain(name);
  });

  it("counts no error as a gateway error, and refuses to be used as a provider", () => {
    expect(gatewayStandIn.GatewayAuthenticationError.isInstance(new Error("401"))).toBe(false);
    expect(gatewayStandIn.GatewayError.isInstance({ name: "GatewayError" })).toBe(false);
    expect(() => gatewayStandIn.gateway()).toThrow(/not available in the browser/);
  });
});

describe("the browser's stand-in for rehype-raw", () => {
  it("is only Streamdown's default raw plugin there, which Shoal does not use", () => {
    const importers = scripts(path.join(root, "node_modules/streamdown/dist")).filter((s) => /from\s*["']rehype-raw["']/.test(s));
    expect(importers).toHaveLength(1);
    const name = /import\s+([\w$]+)\s+from\s*["']rehype-raw["']/.exec(importers[0])![1];
    // Besides its import: `defaultRehypePlugins.raw`, and comparisons that look for it among the
    // plugins an answer is rendered with (Streamdown then leaves out its HTML-escaping step).
    // Never called there.
    const uses = [...importers[0].matchAll(new RegExp(`(?<![\\w$])${name.replace("$", "\\$")}(?![\\w$])`, "g"))].map((m) => importers[0].slice(m.index! - 4, m.index! + name.length + 1));
    expect(uses[0]).toMatch(/^ort /);
    expect(uses.slice(1).filter((use) => !/^(raw:|.===)/.test(use))).toEqual([]);
    expect(uses.filter((use) => use.includes("raw:"))).toHaveLength(1);
    // Answers skip raw HTML and use the sanitize and harden plugins only.
    const markdown = readFileSync(path.join(root, "components/chat/markdown.tsx"), "utf8");
    expect(markdown).toContain("skipHtml");
    expect(markdown).toContain("const rehypePlugins = [defaultRehypePlugins.sanitize, defaultRehypePlugins.harden];");
  });

  it("leaves the tree as it is (no transformer)", () => {
    expect(rehypeRawStandIn()).toBeUndefined();
  });
});
