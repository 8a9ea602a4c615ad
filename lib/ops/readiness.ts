import "server-only";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { isDeepSeekConfigured } from "@/lib/ai/provider";
import { listAppliedMigrations, pingDatabase } from "@/lib/db/queries/health";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { providerFromUrl } from "@/lib/db/url";
import { env } from "@/lib/env";

export type Check = "ok" | "unavailable" | "pending" | "not_configured" | "error";
export type Readiness = {
  ready: boolean;
  checks: { database: Check; migrations: Check; deepseek: Check };
  pendingMigrations?: string[];
};

// The folder never changes while the process runs; the applied list only grows, so once it
// covers the folder the answer stays "ok" and the database is not asked again.
let expected: Promise<string[]> | undefined;
let migrationsCurrent = false;
let lastCheck: { at: number; pending: string[] } | undefined;
const RECHECK_MS = 10_000;

function expectedMigrations(): Promise<string[]> {
  const dir = path.join(process.cwd(), "prisma", "migrations", providerFromUrl(env.DATABASE_URL));
  expected ??= readdir(dir, { withFileTypes: true }).then((entries) =>
    entries.filter((e) => e.isDirectory()).map((e) => e.name).sort(),
  );
  return expected;
}

async function pendingMigrations(): Promise<string[]> {
  if (migrationsCurrent) return [];
  if (lastCheck && Date.now() - lastCheck.at < RECHECK_MS) return lastCheck.pending;
  const [want, applied] = await Promise.all([expectedMigrations(), listAppliedMigrations()]);
  const have = new Set(applied);
  const pending = want.filter((m) => !have.has(m));
  migrationsCurrent = pending.length === 0;
  lastCheck = { at: Date.now(), pending };
  return pending;
}

/** Whether this instance can serve chats: database reachable, schema current, DeepSeek key set. */
export async function checkReadiness(): Promise<Readiness> {
  const checks: Readiness["checks"] = {
    database: "ok",
    migrations: "ok",
    deepseek: isDeepSeekConfigured() ? "ok" : "not_configured",
  };
  let pending: string[] | undefined;
  try {
    await pingDatabase();
  } catch (e) {
    checks.database = isDatabaseUnavailable(e) ? "unavailable" : "error";
  }
  if (checks.database !== "ok") checks.migrations = "error";
  else {
    try {
      pending = await pendingMigrations();
      if (pending.length > 0) checks.migrations = "pending";
    } catch {
      checks.migrations = "error"; // e.g. no _prisma_migrations table: never migrated
    }
  }
  const ready = Object.values(checks).every((c) => c === "ok");
  return { ready, checks, ...(pending?.length ? { pendingMigrations: pending } : {}) };
}
