// npm run db:migrate (also run by `npm run dev` and `npm start`): applies pending migrations to
// DATABASE_URL (default: the SQLite file data/shoal.db) and, when AUTH_SECRET is unset, makes sure
// data/auth-secret exists so a zero-config start works.
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { applyMigrations, migrationsDir, SEARCH_INDEX_MIGRATION } from "../lib/db/migrate.ts";
import { DEFAULT_DATABASE_URL, providerFromUrl } from "../lib/db/url.ts";

function ensureAuthSecret(): void {
  if (process.env.AUTH_SECRET) return;
  const dir = path.join(process.cwd(), "data");
  mkdirSync(dir, { recursive: true });
  try {
    writeFileSync(path.join(dir, "auth-secret"), `${randomBytes(32).toString("base64url")}\n`, { flag: "wx", mode: 0o600 });
    console.log("db:migrate: created data/auth-secret (set AUTH_SECRET to use your own)");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@/]*@/, "//$1:***@");
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  if (providerFromUrl(url) === "sqlite") mkdirSync(path.join(process.cwd(), "data"), { recursive: true });
  ensureAuthSecret();
  const { provider, applied, searchIndex } = await applyMigrations(url);
  const where = `${provider} ${redact(url)}`;
  if (applied.length === 0) console.log(`db:migrate: ${where} is up to date`);
  else console.log(`db:migrate: applied to ${where}:\n${applied.map((m) => `  - ${m}`).join("\n")}`);
  if (searchIndex === false) {
    const sql = path.relative(process.cwd(), path.join(migrationsDir("postgresql"), SEARCH_INDEX_MIGRATION, "migration.sql"));
    console.warn(
      "db:migrate: warning: no trigram index for search (the pg_trgm extension could not be created with this database role). " +
        `Search still works, reading more rows as chats grow. To add the index, run ${sql} as the database's owner ` +
        "(psql -f; with Shoal's schema first on the search_path if it is not public), then restart Shoal.",
    );
  }
}

main().catch((e: unknown) => {
  const message = e instanceof Error ? e.message : String(e);
  console.error(`db:migrate failed: ${message.split("\n   0: ")[0]}`);
  process.exit(1);
});
