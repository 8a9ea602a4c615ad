// npm run db:new-migration -- <name>: after editing prisma/schema.prisma, writes
// prisma/migrations/{sqlite,postgresql}/<timestamp>_<name>/migration.sql with the SQL that takes
// each provider's existing migrations to the schema. Offline: SQLite is diffed in memory;
// PostgreSQL in a throwaway shadow database on SHADOW_DATABASE_URL's server (default local postgres).
import path from "node:path";
import { createMigration, DEFAULT_PG_SERVER_URL } from "../lib/db/migrate.ts";

async function main(): Promise<void> {
  const name = process.argv.slice(2).find((a) => !a.startsWith("-"));
  if (!name) {
    console.error("usage: npm run db:new-migration -- <name>   (e.g. add_chat_pinned)");
    process.exit(2);
  }
  const created = await createMigration(name, { serverUrl: process.env.SHADOW_DATABASE_URL || DEFAULT_PG_SERVER_URL });
  if (created.length === 0) return console.log("db:new-migration: no changes: the migrations already match prisma/schema.prisma");
  for (const m of created) console.log(`db:new-migration: wrote ${path.relative(process.cwd(), m.dir)}/migration.sql`);
  console.log("Review the SQL, then run `npm run db:migrate`.");
}

main().catch((e: unknown) => {
  const message = e instanceof Error ? e.message : String(e);
  console.error(`db:new-migration failed: ${message.split("\n   0: ")[0]}`);
  process.exit(1);
});
