import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "@/lib/env";
import { PrismaClient as PgPrismaClient } from "@/generated/prisma/postgresql/client";
import { PrismaClient as SqlitePrismaClient } from "@/generated/prisma/sqlite/client";
import { PrismaSqliteThread, SQLITE_SETUP } from "./sqlite-thread";
import { libsqlUrl, providerFromUrl, sqliteFilePath } from "./url";

/** The app's Prisma client. Typed as the SQLite client; the PostgreSQL one has the same model API. */
export type Db = SqlitePrismaClient;

const SQLITE_BUSY_TIMEOUT_MS = 5000;

/** A new client for `url` (SQLite `file:` or PostgreSQL). Tests and scripts use this; the app uses `getDb()`. */
export function createDb(url: string): Db {
  if (providerFromUrl(url) === "sqlite") {
    // Statements run in a worker thread (libsql's driver is synchronous): see sqlite-thread.ts.
    const adapter = new PrismaSqliteThread({ url: libsqlUrl(sqliteFilePath(url)), timeout: SQLITE_BUSY_TIMEOUT_MS, setup: SQLITE_SETUP });
    return new SqlitePrismaClient({ adapter });
  }
  return new PgPrismaClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db;
}

const globalForDb = globalThis as { shoalDb?: Db };

/** The process's one client for env.DATABASE_URL (kept on globalThis so dev hot reloads reuse it). */
export function getDb(): Db {
  globalForDb.shoalDb ??= createDb(env.DATABASE_URL);
  return globalForDb.shoalDb;
}
