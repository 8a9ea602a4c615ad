// A prepared-statement cache for the SQLite thread (lib/db/sqlite-worker.ts). Plain Node (type
// stripping): the worker loads it without the bundler.
//
// @libsql/client prepares every statement it runs and asks the statement for its columns twice;
// for one of Prisma's INSERTs that is ≈ 50 µs to prepare and ≈ 35 µs per columns() call, longer
// than running it (README, "SQLite driver"). Prisma sends the same few hundred SQL texts over and
// over, so each connection keeps its most recently used statements and their columns. libsql resets
// a statement each time it runs, and SQLite prepares it again by itself if the schema changes. The
// columns are kept as first read: Prisma names every column it selects (never `SELECT *`), and the
// schema changes only in migrations, which run before the app serves.

/** The part of libsql's `Database` and `Statement` the cache touches. */
type Statement = { columns(): unknown[] };
type DatabaseClass = { prototype: { prepare(sql: string): Statement } };

/**
 * Makes `Database.prototype.prepare` return a cached statement for SQL it has seen on the same
 * connection, keeping the `max` most recently used ones per connection. Call once per thread (the
 * worker does, as it loads), with the `Database` class @libsql/client uses (the `libsql` package).
 */
export function cacheStatements(Database: DatabaseClass, max: number): void {
  const prepare = Database.prototype.prepare;
  const caches = new WeakMap<object, Map<string, Statement>>();
  Database.prototype.prepare = function (this: object, sql: string): Statement {
    let cache = caches.get(this);
    if (!cache) caches.set(this, (cache = new Map()));
    const hit = cache.get(sql);
    if (hit) {
      // Most recently used last: Map keeps insertion order.
      cache.delete(sql);
      cache.set(sql, hit);
      return hit;
    }
    const statement = prepare.call(this, sql);
    // The result columns of a prepared statement do not change; ask SQLite once.
    const columns = statement.columns();
    statement.columns = () => columns;
    cache.set(sql, statement);
    if (cache.size > max) cache.delete(cache.keys().next().value!);
    return statement;
  };
}
