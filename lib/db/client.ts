import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "@/lib/env";
import { PrismaClient as PgPrismaClient } from "@/generated/prisma/postgresql/client";
import { PrismaClient as SqlitePrismaClient } from "@/generated/prisma/sqlite/client";
import { appSqliteAdapter } from "./sqlite-thread";
import { providerFromUrl } from "./url";

/** The app's Prisma client. Typed as the SQLite client; the PostgreSQL one has the same model API. */
export type Db = SqlitePrismaClient;

/** A new client for `url` (SQLite `file:` or PostgreSQL). Tests and scripts use this; the app uses `getDb()`. */
export function createDb(url: string): Db {
  if (providerFromUrl(url) === "sqlite") {
    // Statements run in a worker thread (libsql's driver is synchronous): see sqlite-thread.ts.
    return new SqlitePrismaClient({ adapter: appSqliteAdapter(url) });
  }
  return new PgPrismaClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db;
}

const globalForDb = globalThis as { shoalDb?: Db };

/** The process's one client for env.DATABASE_URL (kept on globalThis so dev hot reloads reuse it). */
export function getDb(): Db {
  globalForDb.shoalDb ??= createDb(env.DATABASE_URL);
  return globalForDb.shoalDb;
}
