import path from "node:path";
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import {
  DriverAdapterError,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
  type TransactionOptions,
} from "@prisma/driver-adapter-utils";
import { libsqlUrl, sqliteFilePath } from "./url.ts";
import { NO_ROWS_WRITTEN, SPIN_MS, waitForChange } from "./sqlite-wait.ts";
import type { Call, Reply, SyncChannel, WireError, WorkerConfig } from "./sqlite-worker";

// Prisma's libsql adapter, run in lib/db/sqlite-worker.ts. The adapter name is the libsql one so
// Prisma treats the connection exactly as before; only the thread the statements run on changes.
const ADAPTER_NAME = "@prisma/adapter-libsql";
// A statement inside a transaction that has not answered in this long means the worker is stuck.
const SYNC_TIMEOUT_MS = 60_000;

// Resolved at run time from the app root: `next start`, the Docker image (standalone server, which
// changes into its own directory), scripts and tests all run there.
const SQLITE_WORKER_FILE = path.join(process.cwd(), "lib", "db", "sqlite-worker.ts");

type CallBody = Call extends infer C ? (C extends { id: number } ? Omit<C, "id"> : never) : never;
/** Statements of an open transaction (answered synchronously). */
type SyncBody = Extract<CallBody, { op: "queryRaw" | "executeRaw" }> & { tx: number };
/** The end of an open transaction (answered asynchronously, see SqliteThread.end). */
type EndBody = Extract<CallBody, { op: "commit" | "rollback" }>;

function fromWire(e: WireError): Error {
  if (e.driverAdapterError) return new DriverAdapterError(e.cause as ConstructorParameters<typeof DriverAdapterError>[0]);
  const error = new Error(e.message);
  error.name = e.name;
  if (e.stack) error.stack = e.stack;
  return error;
}

/**
 * One worker thread holding the database connection. The worker keeps the process alive only
 * while a call is waiting for its answer, so scripts exit when their work is done.
 *
 * Statements inside a transaction are waited for synchronously. An open transaction holds the
 * connection, and an asynchronous answer would wait for the main thread's next turn of the event
 * loop (milliseconds when it is busy streaming) before the next statement is even sent, once per
 * statement; every other query queued behind it. Answered at once, a transaction holds the
 * connection for about the time its statements take. This cannot deadlock: inside a transaction
 * the connection is already held, so the worker answers without waiting for anything else.
 * Until the transaction ends the worker waits for its next statement on shared memory, and either
 * side spins briefly before sleeping (lib/db/sqlite-wait.ts). The commit (or rollback) is the
 * exception: nothing follows it on the connection, so the worker runs it as soon as it arrives and
 * its answer comes back as a message, without the main thread waiting for it.
 */
class SqliteThread {
  #worker: Worker | undefined;
  #sync: SyncChannel | undefined;
  // Calls waiting for an answer, per worker: a worker that exits fails only its own calls, not those
  // of the one started after it (the factory's thread outlives a client's $disconnect).
  #pending = new WeakMap<Worker, Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>>();
  #lastId = 0;

  readonly #config: WorkerConfig;

  constructor(config: WorkerConfig) {
    this.#config = config;
  }

  call<T>(body: CallBody): Promise<T> {
    const worker = this.#spawned();
    return this.#answered<T>(worker, (id) => worker.postMessage({ ...body, id }));
  }

  /**
   * A transaction's commit or rollback: sent where its statements went, so the worker runs it at
   * once and the connection is free as soon as it has, but answered as a message, so the main
   * thread does not wait for it (its outcome matters to the caller, not to the connection).
   */
  end(body: EndBody): Promise<void> {
    const worker = this.#spawned();
    return this.#answered<void>(worker, (id) => this.#sendSync({ ...body, id }));
  }

  /** A call whose answer comes back as a message on the worker's own port. */
  #answered<T>(worker: Worker, send: (id: number) => void): Promise<T> {
    const id = ++this.#lastId;
    const pending = this.#pending.get(worker)!;
    if (pending.size === 0) worker.ref();
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      send(id);
    });
  }

  /** Blocks until the worker answers (see the class comment: only for statements inside a transaction). */
  callSync<T>(body: SyncBody): T {
    this.#spawned();
    const sync = this.#sync!;
    const id = ++this.#lastId;
    Atomics.store(sync.answered, 0, 0);
    this.#sendSync({ ...body, id });
    if (waitForChange(sync.answered, 0, SPIN_MS, SYNC_TIMEOUT_MS) === "timed-out") {
      throw new Error(`SQLite worker did not answer within ${SYNC_TIMEOUT_MS / 1000} s`);
    }
    let reply = receiveMessageOnPort(sync.port)?.message as Reply | undefined;
    // An answer to an earlier call that gave up waiting for it is dropped, so one lost answer
    // cannot shift every answer after it.
    while (reply && reply.id < id) reply = receiveMessageOnPort(sync.port)?.message as Reply | undefined;
    if (!reply || reply.id !== id) throw new Error("SQLite worker: lost the answer to a statement");
    if (!reply.ok) throw fromWire(reply.error);
    return reply.value as T;
  }

  /** A call on the transaction's port, waking the worker if it waits there for the next one. */
  #sendSync(message: Call): void {
    const sync = this.#sync!;
    sync.port.postMessage(message);
    Atomics.add(sync.called, 0, 1);
    Atomics.notify(sync.called, 0);
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    if (!worker) return;
    // Detached first: a call made while this one closes starts a fresh worker.
    this.#worker = undefined;
    await this.#answered(worker, (id) => worker.postMessage({ op: "dispose", id })).catch(() => {});
    await worker.terminate();
  }

  #spawned(): Worker {
    if (this.#worker) return this.#worker;
    const channel = new MessageChannel();
    const answered = new Int32Array(new SharedArrayBuffer(4));
    const called = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(SQLITE_WORKER_FILE, {
      workerData: { ...this.#config, sync: { port: channel.port2, answered, called } },
      transferList: [channel.port2],
      name: "shoal-sqlite",
    });
    channel.port1.unref();
    this.#sync = { port: channel.port1, answered, called };
    worker.unref();
    const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
    this.#pending.set(worker, pending);
    worker.on("message", (reply: Reply) => {
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      if (pending.size === 0) worker.unref();
      if (reply.ok) waiting.resolve(reply.value);
      else waiting.reject(fromWire(reply.error));
    });
    // A crashed worker fails what was waiting on it; the next call starts a fresh one (open
    // transactions are lost with it, as with a dropped connection).
    const fail = (error: Error) => {
      if (this.#worker === worker) this.#worker = undefined;
      const waiting = [...pending.values()];
      pending.clear();
      for (const w of waiting) w.reject(error);
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`SQLite worker exited (code ${code})`)));
    this.#worker = worker;
    return worker;
  }
}

class ThreadQueryable {
  readonly provider = "sqlite" as const;
  readonly adapterName = ADAPTER_NAME;

  protected readonly thread: SqliteThread;
  readonly #tx: number | undefined;

  constructor(thread: SqliteThread, tx?: number) {
    this.thread = thread;
    this.#tx = tx;
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.thread.call({ op: "queryRaw", tx: this.#tx, query });
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.thread.call({ op: "executeRaw", tx: this.#tx, query });
  }
}

class ThreadTransaction extends ThreadQueryable implements Transaction {
  // Inside the transaction every call is answered synchronously (see SqliteThread).
  override queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.#now(() => this.thread.callSync<SqlResultSet>({ op: "queryRaw", tx: this.#id, query }));
  }

  override executeRaw(query: SqlQuery): Promise<number> {
    return this.#now(() => this.thread.callSync<number>({ op: "executeRaw", tx: this.#id, query }));
  }

  readonly options: TransactionOptions;
  readonly #id: number;

  constructor(thread: SqliteThread, id: number, options: TransactionOptions) {
    super(thread, id);
    this.#id = id;
    this.options = options;
  }

  commit(): Promise<void> {
    return this.thread.end({ op: "commit", tx: this.#id });
  }

  rollback(): Promise<void> {
    return this.thread.end({ op: "rollback", tx: this.#id });
  }

  async #now<T>(run: () => T): Promise<T> {
    return run();
  }

  async createSavepoint(name: string): Promise<void> {
    await this.executeRaw({ sql: `SAVEPOINT ${name}`, args: [], argTypes: [] });
  }

  async rollbackToSavepoint(name: string): Promise<void> {
    await this.executeRaw({ sql: `ROLLBACK TO ${name}`, args: [], argTypes: [] });
  }

  async releaseSavepoint(name: string): Promise<void> {
    await this.executeRaw({ sql: `RELEASE SAVEPOINT ${name}`, args: [], argTypes: [] });
  }
}

class ThreadAdapter extends ThreadQueryable implements SqlDriverAdapter {
  executeScript(script: string): Promise<void> {
    return this.thread.call({ op: "executeScript", script });
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    const { tx, options } = await this.thread.call<{ tx: number; options: TransactionOptions }>({ op: "startTransaction", isolationLevel });
    return new ThreadTransaction(this.thread, tx, options);
  }

  dispose(): Promise<void> {
    return this.thread.close();
  }
}

/**
 * A Prisma driver adapter factory for a SQLite file whose statements run in a worker thread.
 * `setup` is a script run once on the connection (PRAGMAs).
 */
export class PrismaSqliteThread implements SqlDriverAdapterFactory {
  readonly provider = "sqlite" as const;
  readonly adapterName = ADAPTER_NAME;
  // One thread (one connection) for the client and for writeTransaction; after the client's
  // $disconnect it starts again on the next call.
  readonly #thread: SqliteThread;

  constructor(config: WorkerConfig) {
    this.#thread = new SqliteThread(config);
  }

  async connect(): Promise<SqlDriverAdapter> {
    return new ThreadAdapter(this.#thread);
  }

  /**
   * Statements known up front, written as one transaction on the client's connection: the worker
   * runs it from BEGIN to COMMIT on one call, so the main thread neither waits for each statement
   * (as it does inside Prisma's transactions, which decide each statement after the previous one's
   * answer) nor holds the connection across turns of its event loop. Every statement must write
   * at least one row: if one writes none (an UPDATE whose row is gone) or fails, nothing is written
   * and the promise rejects, with `isNoRowsWritten` or the driver's own error (a DriverAdapterError,
   * e.g. kind UniqueConstraintViolation).
   */
  writeTransaction(statements: SqlQuery[]): Promise<void> {
    return this.#thread.call({ op: "writeTransaction", statements });
  }
}

/** A writeTransaction refused because one of its statements wrote no rows. */
export function isNoRowsWritten(e: unknown): boolean {
  return e instanceof Error && e.name === NO_ROWS_WRITTEN;
}

const SQLITE_BUSY_TIMEOUT_MS = 5000;

// The app's connection setup.
// WAL is a property of the database file (db:migrate sets it too); setting it again is a no-op.
// With WAL, synchronous=NORMAL cannot corrupt the database (a power cut may lose the last commits)
// and removes an fsync from every commit. foreign_keys is on by default in libsql and the busy
// timeout comes from the client's `timeout`. synchronous is per connection: the setup runs once, on
// the one connection @libsql/client 0.18 keeps (package.json `overrides`; 0.17 opened a new
// connection after every transaction, with SQLite's defaults).
const SQLITE_SETUP = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";

/**
 * The app's adapter for a SQLite `file:` URL: this thread, the busy timeout and the connection
 * setup above. `createDb` (lib/db/client.ts) and the benchmark's write load use it.
 */
export function appSqliteAdapter(url: string): PrismaSqliteThread {
  return new PrismaSqliteThread({ url: libsqlUrl(sqliteFilePath(url)), timeout: SQLITE_BUSY_TIMEOUT_MS, setup: SQLITE_SETUP });
}
