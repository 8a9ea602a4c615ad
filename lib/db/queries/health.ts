import "server-only";
import { getDb } from "../client";

/** Round trip to the database; throws when it cannot be reached. */
export async function pingDatabase(): Promise<void> {
  await getDb().$queryRawUnsafe("SELECT 1");
}

/** Names of migrations recorded as applied (finished, not rolled back) in `_prisma_migrations`. */
export async function listAppliedMigrations(): Promise<string[]> {
  const rows = await getDb().$queryRawUnsafe<{ migration_name: string }[]>(
    "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
  );
  return rows.map((r) => r.migration_name);
}
