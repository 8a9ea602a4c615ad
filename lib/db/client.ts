import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "@/lib/env";
import { PrismaClient as PgPrismaClient } from "@/generated/prisma/postgresql/client";
import { PrismaClient as SqlitePrismaClient } from "@/generated/prisma/sqlite/client";
import { appSqliteAdapter, type PrismaSqliteThread } from "./sqlite-thread";
import { providerFromUrl } from "./url";

/** The app's Prisma client. Typed as the SQLite client; the PostgreSQL one has the same model API. */
export type Db = SqlitePrismaClient;

// A registered symbol: Next.js may load this module more than once (one copy per bundle), and a
// client made by one copy is used through the others (getDb keeps it on globalThis).
const SQLITE_THREAD = Symbol.for("shoal.sqliteThread");

/** A new client for `url` (SQLite `file:` or PostgreSQL). Tests and scripts use this; the app uses `getDb()`. */
export function createDb(url: string): Db {
  if (providerFromUrl(url) === "sqlite") {
    // Statements run in a worker thread (libsql's driver is synchronous): see sqlite-thread.ts.
    const adapter = appSqliteAdapter(url);
    return Object.defineProperty(new SqlitePrismaClient({ adapter }), SQLITE_THREAD, { value: adapter });
  }
  return new PgPrismaClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db;
}

/**
 * The SQLite thread behind a client made by createDb, for writes whose statements are all known up
 * front (`writeTransaction`, one call for the whole transaction); null on PostgreSQL, where Prisma's
 * transactions do not block the event loop.
 */
export function sqliteThreadOf(db: Db): PrismaSqliteThread | null {
  // A client from `$extends` is a new object without the symbol: it would take Prisma's (blocking)
  // transactions. The app uses getDb()'s client as created here.
  return (db as unknown as Record<symbol, PrismaSqliteThread | undefined>)[SQLITE_THREAD] ?? null;
}

const globalForDb = globalThis as { shoalDb?: Db };

/** The process's one client for env.DATABASE_URL (kept on globalThis so dev hot reloads reuse it). */
export function getDb(): Db {
  globalForDb.shoalDb ??= createDb(env.DATABASE_URL);
  return globalForDb.shoalDb;
}
