// The SQLite connection's own thread. libsql's Node binding runs every statement synchronously, so
// on the main thread each one stalls every streaming answer; here it runs beside them. This file
// hosts Prisma's libsql driver adapter unchanged and answers the main thread's calls one message
// each; a transaction's statements come on a port of their own (lib/db/sqlite-thread.ts is the
// other side). Plain Node (type stripping): no app imports but ./sqlite-wait.ts and
// ./sqlite-statements.ts.
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from "node:worker_threads";
import { PrismaLibSql } from "@prisma/adapter-libsql";
import type { SqlDriverAdapter, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";
import Database from "libsql";
import { cacheStatements } from "./sqlite-statements.ts";
import { NO_ROWS_WRITTEN, SPIN_MS, waitForChange } from "./sqlite-wait.ts";

export type WorkerConfig = { url: string; timeout: number; setup?: string };
/**
 * Set up by the main thread for calls it waits for synchronously (statements inside a transaction):
 * they come and their answers go on `port`; `answered[0]` wakes the main thread for an answer and
 * `called[0]` counts calls, so this thread can wait for the next one without its event loop.
 */
export type SyncChannel = { port: MessagePort; answered: Int32Array; called: Int32Array };
/**
 * How long this thread waits, blocked, for the next statement of an open transaction before it goes
 * back to its event loop. Nothing else can run on the connection meanwhile (the adapter holds its lock
 * for the whole transaction), and the next statement normally follows within microseconds.
 */
const NEXT_STATEMENT_WAIT_MS = 50;

export type Call =
  | { id: number; op: "queryRaw" | "executeRaw"; tx?: number; query: unknown }
  | { id: number; op: "executeScript"; script: string }
  | { id: number; op: "startTransaction"; isolationLevel?: string }
  | { id: number; op: "writeTransaction"; statements: SqlQuery[] }
  | { id: number; op: "commit" | "rollback"; tx: number }
  | { id: number; op: "dispose" };
export type WireError = { driverAdapterError: boolean; message: string; name: string; stack?: string; cause?: unknown };
export type Reply = { id: number; ok: true; value?: unknown } | { id: number; ok: false; error: WireError };

const { sync, ...config } = workerData as WorkerConfig & { sync: SyncChannel };
const port = parentPort!;

/** Prepared statements kept per connection (lib/db/sqlite-statements.ts); Prisma's queries are a few hundred SQL texts. */
const CACHED_STATEMENTS = 500;
cacheStatements(Database, CACHED_STATEMENTS);

const ready: Promise<SqlDriverAdapter> = new PrismaLibSql({ url: config.url, timeout: config.timeout })
  .connect()
  .then(async (adapter) => {
    if (config.setup) await adapter.executeScript(config.setup);
    return adapter;
  });
// Avoid an unhandled rejection before the first call; every call awaits `ready` and reports it.
ready.catch(() => {});

const transactions = new Map<number, Transaction>();
let lastTx = 0;

function transaction(id: number): Transaction {
  const tx = transactions.get(id);
  if (!tx) throw new Error(`SQLite worker: no open transaction ${id}`);
  return tx;
}

async function handle(call: Call): Promise<unknown> {
  const adapter = await ready;
  switch (call.op) {
    case "queryRaw":
    case "executeRaw": {
      const target = call.tx ? transaction(call.tx) : adapter;
      // The query object is the one Prisma built; it crosses the thread boundary as plain data.
      const query = call.query as Parameters<SqlDriverAdapter["queryRaw"]>[0];
      return call.op === "queryRaw" ? target.queryRaw(query) : target.executeRaw(query);
    }
    case "executeScript":
      return adapter.executeScript(call.script);
    case "startTransaction": {
      const tx = await adapter.startTransaction(call.isolationLevel as Parameters<SqlDriverAdapter["startTransaction"]>[0]);
      transactions.set(++lastTx, tx);
      return { tx: lastTx, options: tx.options };
    }
    case "writeTransaction": {
      // Every statement known up front: the transaction runs here from BEGIN to COMMIT without
      // waiting for the main thread. Each statement must write a row, or nothing is written.
      const tx = await adapter.startTransaction();
      try {
        for (const [i, statement] of call.statements.entries()) {
          if ((await tx.executeRaw(statement)) === 0) {
            throw Object.assign(new Error(`statement ${i + 1} of the transaction wrote no rows`), { name: NO_ROWS_WRITTEN });
          }
        }
        await tx.commit();
      } catch (e) {
        await tx.rollback().catch(() => {});
        throw e;
      }
      return;
    }
    case "commit":
    case "rollback": {
      const tx = transaction(call.tx);
      transactions.delete(call.tx);
      return call.op === "commit" ? tx.commit() : tx.rollback();
    }
    case "dispose":
      return adapter.dispose();
  }
}

function toWire(e: unknown): WireError {
  const error = e instanceof Error ? e : new Error(String(e));
  // Prisma maps a DriverAdapterError's `cause` (unique violation, busy, …) to its own error codes.
  const driverAdapterError = error.name === "DriverAdapterError" && typeof error.cause === "object";
  return { driverAdapterError, message: error.message, name: error.name, stack: error.stack, cause: driverAdapterError ? error.cause : undefined };
}

function answer(call: Call): Promise<Reply> {
  return handle(call).then(
    (value): Reply => ({ id: call.id, ok: true, value }),
    (e: unknown): Reply => ({ id: call.id, ok: false, error: toWire(e) }),
  );
}

port.on("message", (call: Call) => {
  void answer(call).then((message) => port.postMessage(message));
});

/**
 * A statement of an open transaction, and the ones after it: each answer goes on the sync port and
 * wakes the main thread (blocked in Atomics.wait), except the commit's or rollback's, which goes back
 * as an ordinary message (nobody waits for it); until the transaction ends, this thread
 * waits for the next statement on the same port instead of in its event loop. Going through the
 * event loop and sleeping in between cost ≈ 0.1 ms per statement (bench/analysis.md).
 */
async function serveTransaction(first: Call): Promise<void> {
  for (let call: Call | undefined = first; call; call = nextSyncCall()) {
    const reply = await answer(call);
    // The end of the transaction: the main thread is not waiting for it (SqliteThread.end).
    if (call.op === "commit" || call.op === "rollback") return port.postMessage(reply);
    sync.port.postMessage(reply);
    Atomics.store(sync.answered, 0, 1);
    Atomics.notify(sync.answered, 0);
  }
}

function nextSyncCall(): Call | undefined {
  const seen = Atomics.load(sync.called, 0);
  const queued = receiveMessageOnPort(sync.port);
  if (queued) return queued.message as Call;
  waitForChange(sync.called, seen, SPIN_MS, NEXT_STATEMENT_WAIT_MS);
  return receiveMessageOnPort(sync.port)?.message as Call | undefined;
}

// A transaction's first statement (or one that came after the wait above ran out) arrives here.
sync.port.on("message", (call: Call) => void serveTransaction(call));
