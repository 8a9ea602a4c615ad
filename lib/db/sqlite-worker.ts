// The SQLite connection's own thread. libsql's Node binding runs every statement synchronously, so
// on the main thread each one stalls every streaming answer; here it runs beside them. This file
// hosts Prisma's libsql driver adapter unchanged and answers the main thread's calls one message
// each (lib/db/sqlite-thread.ts is the other side). Plain Node (type stripping): no app imports.
import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import { PrismaLibSql } from "@prisma/adapter-libsql";
import type { SqlDriverAdapter, Transaction } from "@prisma/driver-adapter-utils";

export type WorkerConfig = { url: string; timeout: number; setup?: string };
/** Set up by the main thread for calls it waits for synchronously (statements inside a transaction). */
export type SyncChannel = { port: MessagePort; signal: Int32Array };
export type Call =
  | { id: number; op: "queryRaw" | "executeRaw"; tx?: number; query: unknown; sync?: boolean }
  | { id: number; op: "executeScript"; script: string }
  | { id: number; op: "startTransaction"; isolationLevel?: string }
  | { id: number; op: "commit" | "rollback"; tx: number; sync?: boolean }
  | { id: number; op: "dispose" };
export type WireError = { driverAdapterError: boolean; message: string; name: string; stack?: string; cause?: unknown };
export type Reply = { id: number; ok: true; value?: unknown } | { id: number; ok: false; error: WireError };

const { sync, ...config } = workerData as WorkerConfig & { sync: SyncChannel };
const port = parentPort!;

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

function reply(call: Call, message: Reply): void {
  if (!("sync" in call && call.sync)) return port.postMessage(message);
  // The main thread is blocked in Atomics.wait: put the answer on the sync port, then wake it.
  sync.port.postMessage(message);
  Atomics.store(sync.signal, 0, 1);
  Atomics.notify(sync.signal, 0);
}

port.on("message", (call: Call) => {
  handle(call).then(
    (value) => reply(call, { id: call.id, ok: true, value }),
    (e: unknown) => reply(call, { id: call.id, ok: false, error: toWire(e) }),
  );
});
