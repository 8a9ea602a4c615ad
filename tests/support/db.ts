// A fresh, fully migrated database of either provider, with a client on it.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createDb, type Db } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import type { DbProvider } from "@/lib/db/url";
import { createThrowawayDatabase } from "./pg";

export type TestDatabase = { provider: DbProvider; url: string; db: Db; cleanup(): Promise<void> };

/** An empty database (not migrated): a temp SQLite file, or a throwaway PostgreSQL database. */
export async function emptyDatabase(provider: DbProvider): Promise<{ url: string; drop(): Promise<void> }> {
  if (provider === "postgresql") return createThrowawayDatabase();
  const dir = await mkdtemp(path.join(os.tmpdir(), "shoal-test-"));
  return { url: `file:${path.join(dir, "test.db")}`, drop: () => rm(dir, { recursive: true, force: true }) };
}

export async function freshDatabase(provider: DbProvider): Promise<TestDatabase> {
  const empty = await emptyDatabase(provider);
  try {
    await applyMigrations(empty.url);
  } catch (e) {
    await empty.drop();
    throw e;
  }
  const db = createDb(empty.url);
  return {
    provider,
    url: empty.url,
    db,
    async cleanup() {
      await db.$disconnect().catch(() => {});
      await empty.drop();
    },
  };
}
