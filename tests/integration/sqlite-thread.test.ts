// The SQLite connection runs in a worker thread (lib/db/sqlite-thread.ts): the main thread keeps
// serving while a statement runs, Prisma still sees the driver's errors, transactions still
// commit or roll back as a whole, and a script using the client exits when its work is done.
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { Prisma } from "@/generated/prisma/sqlite/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, sqliteThreadOf } from "@/lib/db/client";
import { insertRows, updateRows } from "@/lib/db/sql-rows";
import { appSqliteAdapter, isNoRowsWritten } from "@/lib/db/sqlite-thread";
import { freshDatabase, type TestDatabase } from "../support/db";

const run = promisify(execFile);

describe("SQLite in a worker thread", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase("sqlite");
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it("keeps the event loop free while a long statement runs", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const started = performance.now();
    // A deliberately slow statement (a few hundred ms); on the main thread it would freeze the loop.
    const [row] = await t.db.$queryRaw<Array<{ n: bigint | number }>>`
      WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000) SELECT count(*) AS n FROM c`;
    const took = performance.now() - started;
    clearInterval(timer);
    expect(Number(row.n)).toBe(3_000_000);
    // The timer kept firing during the statement: at least a third of the 5 ms slots it had.
    expect(took).toBeGreaterThan(60);
    expect(ticks).toBeGreaterThan(took / 5 / 3);
  });

  it("passes the driver's errors on, so Prisma still reports a unique violation as P2002", async () => {
    await t.db.user.create({ data: { email: "dup@example.com" } });
    const error = await t.db.user.create({ data: { email: "dup@example.com" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect((error as Prisma.PrismaClientKnownRequestError).code).toBe("P2002");
  });

  it("rolls back an interactive transaction as a whole and commits the next one", async () => {
    const failed = await t.db
      .$transaction(async (tx) => {
        await tx.user.create({ data: { email: "rolled-back@example.com" } });
        throw new Error("changed my mind");
      })
      .catch((e: Error) => e.message);
    expect(failed).toBe("changed my mind");
    expect(await t.db.user.count({ where: { email: "rolled-back@example.com" } })).toBe(0);

    await t.db.$transaction(async (tx) => {
      await tx.user.create({ data: { email: "committed@example.com" } });
    });
    expect(await t.db.user.count({ where: { email: "committed@example.com" } })).toBe(1);
  });

  it("reports a statement failing inside a transaction (answered synchronously) and rolls the rest back", async () => {
    await t.db.user.create({ data: { email: "taken@example.com" } });
    const error = await t.db
      .$transaction([t.db.user.create({ data: { email: "first-of-batch@example.com" } }), t.db.user.create({ data: { email: "taken@example.com" } })])
      .catch((e: unknown) => e);
    expect((error as Prisma.PrismaClientKnownRequestError).code).toBe("P2002");
    expect(await t.db.user.count({ where: { email: "first-of-batch@example.com" } })).toBe(0);
  });

  it("reports a commit that fails (its answer comes back without the main thread waiting) and keeps nothing of it", async () => {
    // With deferred foreign keys SQLite checks them at COMMIT: the commit itself fails.
    const error = await t.db
      .$transaction(async (tx) => {
        await tx.$executeRawUnsafe("PRAGMA defer_foreign_keys = ON");
        await tx.chat.create({ data: { id: "orphan-chat", userId: "no-such-user", title: "t", model: "deepseek-flash", thinking: false } });
      })
      .catch((e: unknown) => e);
    expect(String((error as Error).message)).toMatch(/FOREIGN KEY/i);
    expect(await t.db.chat.count({ where: { id: "orphan-chat" } })).toBe(0);
    // The connection is usable afterwards, in and out of transactions.
    const user = await t.db.$transaction(async (tx) => tx.user.create({ data: { email: "after-failed-commit@example.com" } }));
    expect(await t.db.user.count({ where: { id: user.id } })).toBe(1);
  });

  it("writes a transaction known up front in one call, on the client's own connection, all or nothing", async () => {
    const thread = sqliteThreadOf(t.db)!;
    const user = await t.db.user.create({ data: { email: "batch-owner@example.com" } });
    const chat = (id: string) => insertRows("Chat", [{ id, userId: user.id, title: "t", model: "deepseek-flash", thinking: false, createdAt: new Date(), updatedAt: new Date() }]);
    // A TEMP table lives on one connection only: the call runs on the client's connection.
    await t.db.$executeRawUnsafe("CREATE TEMP TABLE IF NOT EXISTS batch_marker (x INTEGER)");
    await thread.writeTransaction([chat("batch-1"), { sql: "INSERT INTO batch_marker (x) VALUES (?)", args: [1], argTypes: [{ scalarType: "int", arity: "scalar" }] }]);
    expect(await t.db.chat.count({ where: { id: "batch-1" } })).toBe(1);
    expect(await t.db.$queryRawUnsafe("SELECT x FROM batch_marker")).toEqual([{ x: 1 }]);

    // A later statement fails: the driver's error comes back, and the earlier ones are rolled back.
    const taken = await thread.writeTransaction([chat("batch-2"), chat("batch-1")]).catch((e: unknown) => e);
    expect(taken).toMatchObject({ name: "DriverAdapterError", cause: { kind: "UniqueConstraintViolation" } });
    expect(await t.db.chat.count({ where: { id: "batch-2" } })).toBe(0);

    // A statement that writes no rows: refused as a whole too.
    const none = await thread.writeTransaction([chat("batch-3"), updateRows("Chat", { title: "x" }, { id: "no-such-chat" })]).catch((e: unknown) => e);
    expect(isNoRowsWritten(none)).toBe(true);
    expect(await t.db.chat.count({ where: { id: "batch-3" } })).toBe(0);

    // The connection is fine afterwards, for Prisma and for the next call.
    await thread.writeTransaction([chat("batch-4")]);
    expect(await t.db.chat.count({ where: { id: { in: ["batch-1", "batch-4"] } } })).toBe(2);
  });

  it("runs a writeTransaction and Prisma's interactive transactions side by side, each whole", async () => {
    const thread = sqliteThreadOf(t.db)!;
    const user = await t.db.user.create({ data: { email: "side-by-side@example.com", sessionVersion: 0 } });
    const chat = (id: string) => insertRows("Chat", [{ id, userId: user.id, title: "t", model: "deepseek-flash", thinking: false, createdAt: new Date(), updatedAt: new Date() }]);
    await Promise.all([
      ...Array.from({ length: 10 }, () =>
        t.db.$transaction(async (tx) => {
          const { sessionVersion } = await tx.user.findUniqueOrThrow({ where: { id: user.id } });
          await tx.user.update({ where: { id: user.id }, data: { sessionVersion: sessionVersion + 1 } });
        }),
      ),
      ...Array.from({ length: 10 }, (_, i) => thread.writeTransaction([chat(`side-${i}`), updateRows("User", { name: `n${i}` }, { id: user.id })])),
    ]);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(10);
    expect(await t.db.chat.count({ where: { id: { startsWith: "side-" } } })).toBe(10);
  });

  it("answers a writeTransaction made while the connection closes, on a fresh one", async () => {
    const factory = appSqliteAdapter(t.url);
    const adapter = await factory.connect();
    const user = await t.db.user.create({ data: { email: "closing@example.com" } });
    const chat = (id: string) => insertRows("Chat", [{ id, userId: user.id, title: "t", model: "deepseek-flash", thinking: false, createdAt: new Date(), updatedAt: new Date() }]);
    await factory.writeTransaction([chat("closing-1")]);
    const closing = adapter.dispose();
    const during = factory.writeTransaction([chat("closing-2")]);
    await closing;
    await during;
    expect(await t.db.chat.count({ where: { id: { in: ["closing-1", "closing-2"] } } })).toBe(2);
    await (await factory.connect()).dispose();
  });

  it("finds a client's thread from another copy of the client module (Next.js loads it once per bundle)", async () => {
    // @ts-expect-error -- a query string makes a second instance of the same module
    const copy = (await import("@/lib/db/client?second-copy")) as typeof import("@/lib/db/client");
    expect(copy.sqliteThreadOf).not.toBe(sqliteThreadOf);
    expect(copy.sqliteThreadOf(t.db)).toBe(sqliteThreadOf(t.db));
    expect(sqliteThreadOf(t.db)).not.toBeNull();
  });

  it("runs concurrent transactions one after another without losing an update", async () => {
    const user = await t.db.user.create({ data: { email: "counter@example.com", sessionVersion: 0 } });
    await Promise.all(
      Array.from({ length: 20 }, () =>
        t.db.$transaction(async (tx) => {
          const { sessionVersion } = await tx.user.findUniqueOrThrow({ where: { id: user.id } });
          await tx.user.update({ where: { id: user.id }, data: { sessionVersion: sessionVersion + 1 } });
        }),
      ),
    );
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(20);
  });

  it("keeps one connection and its settings across transactions", async () => {
    // @libsql/client 0.17 (Prisma's adapter's own copy) handed its connection to each transaction and
    // opened a new one for whatever came next: a connection per transaction, and the new ones ran with
    // SQLite's defaults (synchronous=FULL, an fsync per commit) instead of the app's setup. A TEMP
    // table lives on one connection only, so it shows whether the connection survived.
    const db = createDb(t.url);
    try {
      await db.$executeRawUnsafe("CREATE TEMP TABLE connection_marker (x INTEGER)");
      for (let i = 0; i < 3; i++) {
        await db.$transaction(async (tx) => {
          await tx.user.create({ data: { email: `settings-${i}@example.com` } });
        });
        const [sync] = await db.$queryRawUnsafe<Array<{ synchronous: bigint | number }>>("PRAGMA synchronous");
        expect(Number(sync.synchronous)).toBe(1); // NORMAL
        const [marker] = await db.$queryRawUnsafe<Array<{ n: bigint | number }>>("SELECT count(*) AS n FROM connection_marker");
        expect(Number(marker.n)).toBe(0);
      }
    } finally {
      await db.$disconnect();
    }
  });

  it("lets a script exit once its queries are answered, without $disconnect", async () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const script = path.join(path.dirname(t.url.replace(/^file:/, "")), "script.ts");
    await writeFile(
      script,
      [
        `import { PrismaClient } from ${JSON.stringify(path.join(root, "generated/prisma/sqlite/client.ts"))};`,
        `import { PrismaSqliteThread } from ${JSON.stringify(path.join(root, "lib/db/sqlite-thread.ts"))};`,
        `const db = new PrismaClient({ adapter: new PrismaSqliteThread({ url: ${JSON.stringify(t.url)}, timeout: 5000 }) });`,
        `console.log("users", await db.user.count());`,
      ].join("\n"),
    );
    const { stdout } = await run(process.execPath, [script], { cwd: root, timeout: 20_000 });
    expect(stdout).toMatch(/^users \d+$/m);
  });
});
