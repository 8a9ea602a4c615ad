// `npm test`: the whole suite, in the order that lets each level reuse the previous one's work.
// Prisma clients → unit → production build (with a canary DeepSeek key) → integration → e2e.
import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const CANARY_API_KEY = "sk-shoal-canary-0123456789abcdef0123456789abcdef";

const steps: Array<{ name: string; cmd: string; args: string[]; env?: Record<string, string> }> = [
  // Some unit-tested modules import the generated Prisma client types, so generate first.
  { name: "prisma clients", cmd: process.execPath, args: ["scripts/db-generate.ts"] },
  { name: "unit", cmd: bin("vitest"), args: ["run", "--project", "unit"] },
  {
    name: "production build",
    cmd: bin("next"),
    args: ["build"],
    // The build sees a key on purpose: the integration suite proves it is in no client file.
    env: { DEEPSEEK_API_KEY: CANARY_API_KEY, DEEPSEEK_BASE_URL: "http://127.0.0.1:9" },
  },
  { name: "integration", cmd: bin("vitest"), args: ["run", "--project", "integration"] },
  { name: "e2e", cmd: bin("playwright"), args: ["test"] },
];

const only = process.argv.slice(2);
const timings: string[] = [];
const started = Date.now();
for (const step of steps) {
  if (only.length && !only.includes(step.name.split(" ")[0])) continue;
  console.log(`\n▶ ${step.name}`);
  const t0 = Date.now();
  const result = spawnSync(step.cmd, step.args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...step.env },
  });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  timings.push(`${step.name}: ${secs} s`);
  if (result.status !== 0) {
    console.error(`\n✖ ${step.name} failed (exit ${result.status ?? result.signal}) after ${secs} s`);
    process.exit(result.status ?? 1);
  }
}
console.log(`\n✔ all steps passed in ${((Date.now() - started) / 1000).toFixed(1)} s\n  ${timings.join("\n  ")}`);
