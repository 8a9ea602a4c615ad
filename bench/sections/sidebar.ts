// (6) Sidebar first page with many chats (GET /api/chats, what the sidebar loads) and a LIKE
// search across many messages. Shoal has no search endpoint yet, so the search is the SQL such an
// endpoint would run (owner's messages whose stored parts contain the term), timed on the database.
import { performance } from "node:perf_hooks";
import type { Stack } from "../lib/stack.ts";
import { median, percentile, round, log } from "../lib/stats.ts";

export type SidebarConfig = { chats: number; messages: number; repeats: number };

const WORDS = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango".split(" ");

async function seed(stack: Stack, cfg: SidebarConfig): Promise<void> {
  const db = stack.db.db;
  const t0 = Date.now() - cfg.chats * 60_000;
  const perChat = Math.max(1, Math.floor(cfg.messages / cfg.chats));
  for (let start = 0; start < cfg.chats; start += 2000) {
    const chats = [];
    const messages = [];
    for (let i = start; i < Math.min(cfg.chats, start + 2000); i++) {
      const id = `sb${i.toString(36).padStart(6, "0")}`;
      chats.push({ id, userId: stack.db.userId, title: `Chat ${i} ${WORDS[i % WORDS.length]}`, model: "deepseek-flash", thinking: false, createdAt: new Date(t0 + i * 60_000), updatedAt: new Date(t0 + i * 60_000) });
      for (let j = 0; j < perChat; j++) {
        const text = Array.from({ length: 40 }, (_, k) => WORDS[(i * 7 + j * 3 + k) % WORDS.length]).join(" ");
        messages.push({ id: `${id}m${j}`, chatId: id, parentId: j ? `${id}m${j - 1}` : null, role: j % 2 ? "assistant" : "user", parts: [{ type: "text", text }], status: "complete", createdAt: new Date(t0 + i * 60_000 + j) });
      }
    }
    await db.chat.createMany({ data: chats });
    for (let k = 0; k < messages.length; k += 5000) await db.message.createMany({ data: messages.slice(k, k + 5000) });
  }
}

async function fetchOrExplain(stack: Stack, url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch {
    // Seeding with libsql blocks this process's event loop, so a keep-alive socket the server
    // closed meanwhile is only noticed on reuse: retry once (the pool has dropped the dead socket).
  }
  try {
    return await fetch(url, init);
  } catch (e) {
    throw new Error(`${url}: ${String((e as Error).cause ?? e)}; app exit ${stack.app.child.exitCode}/${stack.app.child.signalCode}; app output: ${stack.app.output().slice(-1500)}`);
  }
}

async function time(n: number, fn: () => Promise<unknown>) {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return { p50: round(median(ms), 2), p95: round(percentile(ms, 95), 2) };
}

export async function runSidebar(stack: Stack, cfg: SidebarConfig) {
  const get = async (p: string) => {
    const res = await fetchOrExplain(stack, `${stack.app.url}${p}`, { headers: { cookie: stack.cookie } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${p}: HTTP ${res.status}: ${stack.app.output().slice(-1500)}`);
  };
  // Baseline in the same run: the same requests with an almost empty account.
  await time(3, () => get("/api/chats?limit=50"));
  const emptyApi = await time(cfg.repeats, () => get("/api/chats?limit=50"));
  const emptyPage = await time(Math.ceil(cfg.repeats / 2), () => get("/"));
  const t = performance.now();
  await seed(stack, cfg);
  const seedSeconds = round((performance.now() - t) / 1000, 1);
  await time(3, () => get("/api/chats?limit=50"));
  const api = await time(cfg.repeats, () => get("/api/chats?limit=50"));
  const page = await time(Math.ceil(cfg.repeats / 2), () => get("/"));

  const db = stack.db.db;
  // Shoal's own search (GET /api/chats/search: titles, then LIKE / ILIKE over the stored parts),
  // signed in, through the app, the way the sidebar's search box calls it.
  const search = (term: string) => get(`/api/chats/search?q=${encodeURIComponent(term)}`);
  // A common term (first 20 hits come early) and an absent one (full scan: the worst case).
  await search("tango");
  const common = await time(cfg.repeats, () => search("tango"));
  const absent = await time(Math.ceil(cfg.repeats / 2), () => search("zzz-not-there"));
  const messages = await db.message.count();
  const result = {
    method: { ...cfg, provider: stack.provider, seedSeconds },
    sidebarApi: { emptyMs: emptyApi, loadedMs: api },
    chatHomePage: { emptyMs: emptyPage, loadedMs: page },
    search: { messages, commonTermMs: common, absentTermMs: absent, absentMsPer10kMessages: round((absent.p50 / messages) * 10_000, 2) },
  };
  log(`sidebar ${stack.provider}: /api/chats p50 ${api.p50} ms (empty ${emptyApi.p50}); search absent term ${absent.p50} ms over ${messages} messages`);
  return result;
}
