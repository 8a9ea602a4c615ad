import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";

// The configuration an operator sets is documented where they look for it: every setting lib/env.ts
// reads is in .env.example and README's Configuration section, and everything .env.example offers
// is explained in that section. (A review found five that had drifted.)
const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

/** Set by the platform or the runtime, never by an operator. */
const PLATFORM = new Set(["NODE_ENV", "VERCEL", "AWS_LAMBDA_FUNCTION_NAME", "NETLIFY"]);

const settings = [...read("lib/env.ts").matchAll(/^ {2}([A-Z][A-Z0-9_]+): z/gm)].map((m) => m[1]).filter((k) => !PLATFORM.has(k));
const example = read(".env.example");
const offered = [...new Set([...example.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]))];
const readme = read("README.md");
const configuration = readme.slice(readme.indexOf("## Configuration"), readme.indexOf("\n## ", readme.indexOf("## Configuration") + 1));

test("the settings lib/env.ts reads are found", () => {
  expect(settings.length).toBeGreaterThan(30);
  expect(settings).toContain("DEEPSEEK_API_KEY");
  expect(offered).toContain("DATABASE_URL");
  expect(configuration).toContain("| `DEEPSEEK_API_KEY` |");
});

test("every setting the app reads is in .env.example and in README's Configuration section", () => {
  expect(settings.filter((k) => !new RegExp(`\\b${k}\\b`).test(example))).toEqual([]);
  expect(settings.filter((k) => !configuration.includes(`\`${k}\``))).toEqual([]);
});

test("every variable .env.example offers is explained in README's Configuration section", () => {
  expect(offered.filter((k) => !configuration.includes(`\`${k}\``))).toEqual([]);
});
