import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as stub from "@/lib/ai/gateway-browser";

// The `ai` package as installed: the names it imports from `@ai-sdk/gateway`, which the browser's
// stand-in (next.config.ts, turbopack.resolveAlias) must export for the build to link.
const aiEntry = createRequire(import.meta.url).resolve("ai");
const imported = [...readFileSync(aiEntry, "utf8").matchAll(/import\s*\{([^}]*)\}\s*from\s*["']@ai-sdk\/gateway["']/g)].flatMap((m) =>
  m[1].split(",").map((name) => name.trim().split(/\s+as\s+/)[0]).filter(Boolean),
);

describe("the browser's stand-in for @ai-sdk/gateway", () => {
  it("exports every name the installed ai package imports from it", () => {
    expect(path.basename(path.dirname(aiEntry))).toBe("dist");
    expect(imported.length).toBeGreaterThan(0);
    for (const name of imported) expect(Object.keys(stub), name).toContain(name);
  });

  it("counts no error as a gateway error, and refuses to be used as a provider", () => {
    expect(stub.GatewayAuthenticationError.isInstance(new Error("401"))).toBe(false);
    expect(stub.GatewayError.isInstance({ name: "GatewayError" })).toBe(false);
    expect(() => stub.gateway()).toThrow(/not available in the browser/);
  });
});
