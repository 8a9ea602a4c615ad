// (4) Database statements and time per chat turn, counted inside the app by the probe (every
// statement passes through the driver adapter's performIO), cross-checked on PostgreSQL with the
// server's own transaction counter (pg_stat_database).
import pg from "pg";
import { PrismaClient as SqliteClient } from "../../generated/prisma/sqlite/client.ts";
import { insertRows } from "../../lib/db/sql-rows.ts";
import { appSqliteAdapter } from "../../lib/db/sqlite-thread.ts";
import { clientFor, probe, type Stack } from "../lib/stack.ts";
import { median, percentile, round, sleep, log } from "../lib/stats.ts";
import { newId, openStream, shoalRequest } from "../lib/streams.ts";

export type DbConfig = { repeats: number; historyMessages: number; writeLoad: { writers: number; turnsPerWriter: number } };

// Same pacing (20 ms/token) for answers of 0.2 s … 8 s, plus many tokens delivered fast: statements
// must follow seconds of streaming (checkpoints ≤ 1/s), never tokens.
const SCENARIOS = [
  { name: "10 tokens @ 50/s (0.2 s)", tokens: 10, slow: 20 },
  { name: "100 tokens @ 50/s (2 s)", tokens: 100, slow: 20 },
  { name: "250 tokens @ 50/s (5 s)", tokens: 250, slow: 20 },
  { name: "2,000 tokens @ ~1000/s (~2 s)", tokens: 2000, slow: 1 },
];

async function pgXacts(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query("SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()");
    return Number(r.rows[0].n);
  } finally {
    await c.end();
  }
}

async function waitSettled(stack: Stack, assistantId: string | undefined): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const row = assistantId ? await stack.db.db.message.findUnique({ where: { id: assistantId }, select: { status: true } }) : null;
    if (row && row.status !== "streaming") return;
    await sleep(50);
  }
}

async function turn(stack: Stack, text: string, chatId = newId("c")) {
  await fetch(`${stack.app.probeUrl}/reset`);
  const xBefore = stack.provider === "postgresql" ? await pgXacts(stack.db.url) : 0;
  const r = await openStream({ ...shoalRequest(stack.app.url, stack.cookie, text, chatId), timeoutMs: 60_000 });
  await waitSettled(stack, r.messageId);
  await sleep(150);
  const p = await probe(stack.app);
  let xacts: number | undefined;
  if (stack.provider === "postgresql") {
    // Statistics are flushed by backends at most once a second.
    await sleep(1200);
    xacts = (await pgXacts(stack.db.url)) - xBefore - 1;
  }
  return { ok: r.ok, seconds: (r.end - r.start) / 1000, statements: p.statements, dbMs: p.dbMs, kinds: p.kinds, xacts };
}

export async function runDb(stack: Stack, cfg: DbConfig) {
  for (let i = 0; i < 3; i++) await turn(stack, "[[long:20]] warm-up");
  const rows = [];
  for (const s of SCENARIOS) {
    const runs = [];
    for (let i = 0; i < cfg.repeats; i++) runs.push(await turn(stack, `[[long:${s.tokens}]] [[slow:${s.slow}]] db`));
    const row = {
      scenario: s.name,
      tokens: s.tokens,
      streamSeconds: round(median(runs.map((r) => r.seconds)), 2),
      statements: median(runs.map((r) => r.statements)),
      dbMs: round(median(runs.map((r) => r.dbMs)), 1),
      ...(stack.provider === "postgresql" ? { pgTransactions: median(runs.map((r) => r.xacts ?? NaN)) } : {}),
      kinds: runs[0].kinds,
      errors: runs.filter((r) => !r.ok).length,
    };
    log(`db ${stack.provider} ${s.name}: ${row.statements} statements, ${row.dbMs} ms`);
    rows.push(row);
  }

  // The same short turn in a chat that already has a long history (every turn reads the chat's tree).
  const chatId = newId("h");
  const db = stack.db.db;
  await db.chat.create({ data: { id: chatId, userId: stack.db.userId, title: "history", model: "deepseek-flash", thinking: false } });
  const filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(40);
  let parentId: string | null = null;
  const t0 = Date.now() - 3_600_000;
  const data = [];
  for (let i = 0; i < cfg.historyMessages; i++) {
    const id = newId("hm");
    const text = i % 2 ? filler : "question";
    data.push({ id, chatId, parentId, role: i % 2 ? "assistant" : "user", parts: [{ type: "text", text }], searchText: text, status: "complete", createdAt: new Date(t0 + i * 1000) });
    parentId = id;
  }
  await db.message.createMany({ data });
  await db.chat.update({ where: { id: chatId }, data: { activeLeafId: parentId } });
  const hist = [];
  for (let i = 0; i < cfg.repeats; i++) hist.push(await turn(stack, `[[long:10]] history ${i}`, chatId));
  const fresh = rows[0];
  const withHistory = {
    historyMessages: cfg.historyMessages,
    historyKiB: round((data.length / 2) * (filler.length / 1024), 0),
    statements: median(hist.map((r) => r.statements)),
    dbMs: round(median(hist.map((r) => r.dbMs)), 1),
    vsFreshChatDbMs: fresh.dbMs,
  };
  log(`db ${stack.provider} turn after ${cfg.historyMessages} messages: ${withHistory.dbMs} ms`);
  const writeLoad = await runWriteLoad(stack, cfg.writeLoad);
  return { method: { ...cfg, provider: stack.provider }, scenarios: rows, withHistory, writeLoad };
}

/**
 * The database layer alone under write load, in this process, with the app's client setup (for
 * SQLite: its own thread and connection setup, lib/db/sqlite-thread.ts): concurrent writers each
 * write new chats' first turns as the chat route does (the chat, then the question and the answer's
 * placeholder in one INSERT, in one transaction: on SQLite one call to its thread; then the answer's
 * final UPDATE). Shows what the SQLite thread's
 * transactions and WAL checkpoints cost when writes pile up.
 */
async function runWriteLoad(stack: Stack, { writers, turnsPerWriter }: DbConfig["writeLoad"]) {
  const thread = stack.provider === "sqlite" ? appSqliteAdapter(stack.db.url) : null;
  const db = thread ? new SqliteClient({ adapter: thread }) : clientFor(stack.provider, stack.db.url);
  const userId = stack.db.userId;
  const parts = [{ type: "text", text: "word ".repeat(200) }];
  const searchText = parts[0].text;
  const txMs: number[] = [];
  const firstTurn = async (id: string) => {
    const started = performance.now();
    const now = new Date();
    const chat = { id, userId, title: "Write load", titleSource: "auto", pinned: false, model: "deepseek-flash", thinking: false, reasoningEffort: null, activeLeafId: `a-${id}`, createdAt: now, updatedAt: now };
    const messages = [
      { id: `q-${id}`, chatId: id, parentId: null, role: "user", parts, searchText, model: null, status: "complete", createdAt: now, updatedAt: now },
      { id: `a-${id}`, chatId: id, parentId: `q-${id}`, role: "assistant", parts: [], searchText: "", model: "deepseek-flash", status: "streaming", createdAt: now, updatedAt: now },
    ];
    // As lib/db/queries/messages.ts writes them: on SQLite one writeTransaction call, on PostgreSQL
    // Prisma's batch transaction.
    await (thread
      ? thread.writeTransaction([insertRows("Chat", [chat]), insertRows("Message", messages, { json: ["parts"] })])
      : db.$transaction([db.chat.create({ data: chat, select: { id: true } }), db.message.createMany({ data: messages })]));
    txMs.push(performance.now() - started);
    await db.message.update({ where: { id: `a-${id}` }, data: { parts, searchText, status: "complete" }, select: { id: true } });
  };
  try {
    for (let i = 0; i < 50; i++) await firstTurn(newId("wl-warm"));
    txMs.length = 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await Promise.all(Array.from({ length: writers }, async () => {
      for (let i = 0; i < turnsPerWriter; i++) await firstTurn(newId("wl"));
    }));
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const turns = writers * turnsPerWriter;
    const result = {
      writers,
      turns,
      turnsPerSecond: round(turns / seconds, 0),
      cpuMsPerTurn: round((cpu.user + cpu.system) / 1000 / turns, 2),
      transactionMs: { p50: round(percentile(txMs, 50), 2), p99: round(percentile(txMs, 99), 2), max: round(percentile(txMs, 100), 1) },
    };
    log(`db ${stack.provider} write load: ${result.turnsPerSecond} turns/s, ${result.cpuMsPerTurn} ms CPU/turn, transaction p50/p99/max ${result.transactionMs.p50}/${result.transactionMs.p99}/${result.transactionMs.max} ms`);
    return result;
  } finally {
    await db.$disconnect();
  }
}
