// Prisma's schema engine compiled to WebAssembly, driven through the same driver adapters as the
// app's client. The native schema-engine binary that `prisma migrate` downloads is not reachable
// offline; this runs the same Rust code. Pure module: Node type stripping runs it directly.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaLibSql } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import pg from "pg";
import { type DbProvider, libsqlUrl, sqliteFilePath } from "./url.ts";

export type { SchemaEngine };

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const SCHEMA_PATH = path.join(ROOT, "prisma/schema.prisma");
export const MIGRATIONS_ROOT = path.join(ROOT, "prisma/migrations");
export const SQLITE_BUSY_TIMEOUT_MS = 5000;
export const NO_FILTERS = { externalTables: [], externalEnums: [] };

/** The datamodel with its datasource provider swapped; the generator block is left alone. */
export function schemaForProvider(schema: string, provider: DbProvider): string {
  const re = /(datasource\s+\w+\s*\{[^}]*?\bprovider\s*=\s*)"[^"]*"/;
  if (!re.test(schema)) throw new Error("prisma/schema.prisma has no datasource provider");
  return schema.replace(re, `$1"${provider}"`);
}

export async function readSchema(provider: DbProvider): Promise<string> {
  return schemaForProvider(await readFile(SCHEMA_PATH, "utf8"), provider);
}

type WasmModule = typeof import("@prisma/schema-engine-wasm");
let wasmModule: Promise<WasmModule> | undefined;
// The engine races each database call against a 10 s setTimeout and never clears it, which would
// keep a finished script alive for 10 s. Timers stay referenced while an engine is open.
const pendingTimers = new Set<NodeJS.Timeout>();
let openEngines = 0;

function loadWasm(): Promise<WasmModule> {
  wasmModule ??= (async () => {
    // The package's entry imports the .wasm file as an ES module, which Node does not do by
    // default; instantiate it by hand with the generated JS glue as its import object.
    const bgPath = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(bgPath.replace(/\.js$/, ".wasm"));
    const imports: Record<string, unknown> = { ...bg };
    for (const name of Object.keys(bg).filter((k) => k.startsWith("__wbg_setTimeout_"))) {
      imports[name] = (fn: () => void, ms: number) => {
        const timer = setTimeout(() => (pendingTimers.delete(timer), fn()), ms >>> 0);
        pendingTimers.add(timer);
        if (openEngines === 0) timer.unref();
        return timer;
      };
    }
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": imports as WebAssembly.ModuleImports,
    });
    const panics = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(m: string): void } };
    panics.PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message: (m: string) => console.error(`[schema-engine] panic: ${m}`),
    };
    (bg as unknown as { __wbg_set_wasm(e: WebAssembly.Exports): void }).__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
    return bg as unknown as WasmModule;
  })();
  return wasmModule;
}

// adapter-pg cannot map PostgreSQL's internal one-byte `"char"` type (OID 18), which the schema
// describer selects from pg_catalog (contype, relkind, ...): "Column type 'char' could not be
// deserialized". Its values arrive as strings, so report them as text (OID 25).
type QueryResultLike = { fields?: { dataTypeID: number }[] };
function charAsText<T>(res: T): T {
  for (const r of (Array.isArray(res) ? res : [res]) as QueryResultLike[]) {
    for (const f of r?.fields ?? []) if (f.dataTypeID === 18) f.dataTypeID = 25;
  }
  return res;
}

function describablePool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  // Idle connections of a dropped shadow database error out; nothing is waiting on them.
  pool.on("error", () => {});
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const cb = args.at(-1);
      if (typeof cb === "function") {
        args[args.length - 1] = (err: unknown, res: unknown) => cb(err, err ? res : charAsText(res));
        return query(...args);
      }
      const out = query(...args);
      return out instanceof Promise ? out.then(charAsText) : out;
    };
  });
  return pool;
}

type Factory = { factory: SqlMigrationAwareDriverAdapterFactory; closeAll(): Promise<void> };

/** PostgreSQL; shadow databases are throwaway databases on the same server. */
function pgFactory(connectionString: string): Factory {
  const pools: pg.Pool[] = [];
  const open = async (config: pg.PoolConfig) => {
    const pool = describablePool({ ...config, max: 4 });
    pools.push(pool);
    const adapter = await new PrismaPg(pool).connect();
    // adapter-pg splits scripts on ";" and runs the pieces on whichever pooled connection is free.
    // Send a migration whole instead, as the native engine does: one simple-protocol query, which
    // PostgreSQL runs as one implicit transaction, and which keeps ";" inside strings and $$ bodies.
    adapter.executeScript = async (script) => void (await adapter.executeRaw({ sql: script, args: [], argTypes: [] }));
    return { pool, adapter };
  };
  const end = (pool: pg.Pool) => (pool.ended ? Promise.resolve() : pool.end().catch(() => {}));
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: async () => (await open({ connectionString })).adapter,
    async connectToShadowDb() {
      const admin = new pg.Client({ connectionString });
      await admin.connect();
      const name = `prisma_migrate_shadow_db_${crypto.randomUUID().replaceAll("-", "")}`;
      await admin.query(`CREATE DATABASE "${name}"`);
      const url = new URL(connectionString);
      url.pathname = `/${name}`;
      const { pool, adapter } = await open({ connectionString: url.toString() });
      adapter.dispose = async () => {
        await end(pool);
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => admin.end());
      };
      return adapter;
    },
  };
  return { factory, closeAll: async () => void (await Promise.all(pools.map(end))) };
}

/** True when `sql` holds more than one statement (quotes and comments skipped). */
export function hasSeveralStatements(sql: string): boolean {
  let ended = false;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (/\s/.test(c)) continue;
    if (c === "-" && sql[i + 1] === "-") {
      i = sql.indexOf("\n", i);
      if (i < 0) break;
    } else if (c === "/" && sql[i + 1] === "*") {
      i = sql.indexOf("*/", i + 2) + 1;
      if (i <= 0) break;
    } else if (ended) {
      return true;
    } else if (c === ";") {
      ended = true;
    } else if (c === "'" || c === '"' || c === "`" || c === "[") {
      i = sql.indexOf(c === "[" ? "]" : c, i + 1);
      if (i < 0) break;
    }
  }
  return false;
}

// Replaying migrations into the shadow database, the engine sends each whole migration.sql through
// executeRaw, where libsql prepares (and runs) only the first statement; run those as scripts.
function runScriptsWhole(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (q) => {
    if (q.args.length > 0 || !hasSeveralStatements(q.sql)) return executeRaw(q);
    await adapter.executeScript(q.sql);
    return 0;
  };
  return adapter;
}

/** SQLite through libsql; the shadow database is in-memory (PrismaLibSql's own choice). */
function sqliteFactory(url: string): Factory {
  const clients: { close(): void }[] = [];
  class Tracked extends PrismaLibSql {
    createClient(config: Parameters<PrismaLibSql["createClient"]>[0]) {
      const client = super.createClient(config);
      clients.push(client);
      return client;
    }
    async connect() {
      return runScriptsWhole(await super.connect());
    }
    async connectToShadowDb() {
      return runScriptsWhole(await super.connectToShadowDb());
    }
  }
  const target = url.startsWith("file::memory:") ? url : libsqlUrl(sqliteFilePath(url));
  const factory = new Tracked({ url: target, timeout: SQLITE_BUSY_TIMEOUT_MS });
  return { factory, closeAll: async () => clients.forEach((c) => c.close()) };
}

export type OpenEngine = { engine: SchemaEngine; provider: DbProvider; close(): Promise<void> };

/** Opens a schema engine connected to `url`. Always `close()` it: it holds connections. */
export async function openSchemaEngine(url: string, provider: DbProvider, datamodel: string): Promise<OpenEngine> {
  const wasm = await loadWasm();
  const { factory, closeAll } = provider === "sqlite" ? sqliteFactory(url) : pgFactory(url);
  openEngines++;
  const release = async () => {
    await closeAll();
    if (--openEngines === 0) pendingTimers.forEach((t) => t.unref());
  };
  try {
    const engine = await wasm.SchemaEngine.new(
      { datamodels: [["schema.prisma", datamodel]] },
      () => {},
      bindMigrationAwareSqlAdapterFactory(factory),
    );
    return {
      engine,
      provider,
      async close() {
        engine.free();
        await release();
      },
    };
  } catch (e) {
    await release();
    throw e;
  }
}
