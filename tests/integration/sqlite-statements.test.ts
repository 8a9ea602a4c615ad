// The SQLite thread's prepared-statement cache (lib/db/sqlite-statements.ts), on a real libsql
// connection, and through the app's client: cached statements give the same answers as fresh ones,
// also after a statement failed, and the cache stays within its size.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import Database from "libsql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cacheStatements } from "@/lib/db/sqlite-statements";
import { freshDatabase, type TestDatabase } from "../support/db";

// A subclass, so the patch stays on connections this file opens.
class CachedDatabase extends Database {}
cacheStatements(CachedDatabase, 3);

describe("prepared-statement cache", () => {
  let dir: string;
  let db: CachedDatabase;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "shoal-stmt-"));
    db = new CachedDatabase(path.join(dir, "cache.db"));
    db.exec("CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER NOT NULL)");
  });
  afterAll(async () => {
    db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("prepares a statement once per connection and keeps the most recently used ones", () => {
    const insert = "INSERT INTO t (id, n) VALUES (?, ?)";
    expect(db.prepare(insert)).toBe(db.prepare(insert));

    const other = new CachedDatabase(path.join(dir, "cache.db"));
    try {
      expect(other.prepare(insert)).not.toBe(db.prepare(insert));
    } finally {
      other.close();
    }

    // Size 3: using `insert` again keeps it; the least recently used one goes.
    const a = db.prepare("SELECT 1");
    db.prepare("SELECT 2");
    db.prepare(insert);
    db.prepare("SELECT 3");
    expect(db.prepare(insert)).toBe(db.prepare(insert));
    expect(db.prepare("SELECT 1")).not.toBe(a);
    // A connection that does not cache still prepares a new statement each time.
    const plain = new Database(path.join(dir, "cache.db"));
    try {
      expect(plain.prepare("SELECT 1")).not.toBe(plain.prepare("SELECT 1"));
    } finally {
      plain.close();
    }
  });

  it("answers like a fresh statement, with new arguments, after a failure and with its columns", () => {
    const insert = "INSERT INTO t (id, n) VALUES (?, ?) RETURNING id, n";
    const select = "SELECT id, n FROM t WHERE n >= ? ORDER BY n";
    db.prepare(insert).raw(true).all(["a", 1]);
    db.prepare(insert).raw(true).all(["b", 2]);
    // A unique violation fails the statement; the next run of the same statement still works.
    expect(() => db.prepare(insert).raw(true).all(["a", 3])).toThrow(/UNIQUE/);
    expect(db.prepare(insert).raw(true).all(["c", 3])).toEqual([["c", 3]]);
    expect(db.prepare(select).raw(true).all([2])).toEqual([["b", 2], ["c", 3]]);
    expect(db.prepare(select).raw(true).all([3])).toEqual([["c", 3]]);
    expect(db.prepare(select).columns().map((c) => c.name)).toEqual(["id", "n"]);
    expect(db.prepare("UPDATE t SET n = n + 1").run().changes).toBe(3);
  });
});

describe("the app's SQLite client with cached statements", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase("sqlite");
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it("reads and writes correctly when the same queries repeat, in and out of transactions", async () => {
    for (let i = 0; i < 20; i++) {
      await t.db.$transaction([
        t.db.user.create({ data: { email: `u${i}@example.com`, name: `user ${i}` } }),
        t.db.user.count(),
      ]);
      const found = await t.db.user.findUnique({ where: { email: `u${i}@example.com` }, select: { name: true } });
      expect(found?.name).toBe(`user ${i}`);
    }
    // A repeated insert that violates the unique email rolls its transaction back, and the same
    // statements go on working afterwards.
    const error = await t.db.$transaction([t.db.user.create({ data: { email: "u3@example.com" } })]).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const rows = await t.db.user.findMany({ where: { email: { startsWith: "u" } }, select: { email: true }, orderBy: { email: "asc" } });
    expect(rows).toHaveLength(20);
    await t.db.user.create({ data: { email: "u20@example.com" } });
    expect(await t.db.user.count()).toBe(21);
  });
});
