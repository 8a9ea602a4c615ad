// (7) Cold start to ready: what `npm start` runs (migrate, then next start) against a database whose
// migrations are already applied, until /api/health answers; baseline: next start alone.
import { startApp, type Stack } from "../lib/stack.ts";
import { median, round, log } from "../lib/stats.ts";

export async function runColdStart(stack: Stack, repeats: number) {
  const withMigrate: number[] = [];
  const startOnly: number[] = [];
  for (let i = 0; i < repeats; i++) {
    for (const migrate of i % 2 ? [false, true] : [true, false]) {
      const app = await startApp({ databaseUrl: stack.db.url, deepseekUrl: stack.emulator.url, migrate });
      (migrate ? withMigrate : startOnly).push(app.startMs);
      await app.stop();
    }
  }
  const result = {
    method: { repeats, provider: stack.provider },
    readyMs: round(median(withMigrate)),
    nextStartOnlyMs: round(median(startOnly)),
    migrationCheckMs: round(median(withMigrate) - median(startOnly)),
    runs: { withMigrate: withMigrate.map((x) => round(x)), startOnly: startOnly.map((x) => round(x)) },
  };
  log(`cold start ${stack.provider}: ${result.readyMs} ms (next start alone ${result.nextStartOnlyMs} ms)`);
  return result;
}
