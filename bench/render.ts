// Re-render bench/results/latest.md and the charts from latest.json (e.g. after editing bench/analysis.md).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { renderReport } from "./lib/report.ts";

const dir = path.join(import.meta.dirname, "results");
const prefix = process.argv.includes("--quick") ? "quick-" : "";
const { markdown, charts } = renderReport(JSON.parse(readFileSync(path.join(dir, `${prefix}latest.json`), "utf8")));
writeFileSync(path.join(dir, `${prefix}latest.md`), markdown);
for (const [name, svg] of Object.entries(charts)) writeFileSync(path.join(dir, `${prefix}${name}`), svg);
console.log(`rendered ${prefix}latest.md`);
