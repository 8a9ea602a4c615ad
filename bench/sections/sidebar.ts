// (6) Sidebar first page with many chats (GET /api/chats, what the sidebar loads) and Shoal's search
// (GET /api/chats/search) across many messages, in a database that also holds the chats of the
// user's teammates (search must cost what the user has, not what the team has).
import { performance } from "node:perf_hooks";
import type { Stack } from "../lib/stack.ts";
import { median, percentile, round, log } from "../lib/stats.ts";

/** `chats` and `messages` are the signed-in user's; each of `teammates` other users has as many. */
export type SidebarConfig = { chats: number; messages: number; teammates: number; repeats: number };

const WORDS = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango".split(" ");

async function seed(stack: Stack, cfg: SidebarConfig, userId: string, prefix: string): Promise<void> {
  const db = stack.db.db;
  const t0 = Date.now() - cfg.chats * 60_000;
  const perChat = Math.max(1, Math.floor(cfg.messages / cfg.chats));
  for (let start = 0; start < cfg.chats; start += 2000) {
    const chats = [];
    const messages = [];
    for (let i = start; i < Math.min(cfg.chats, start + 2000); i++) {
      const id = `${prefix}${i.toString(36).padStart(6, "0")}`;
      chats.push({ id, userId, title: `Chat ${i} ${WORDS[i % WORDS.length]}`, model: "deepseek-flash", thinking: true, createdAt: new Date(t0 + i * 60_000), updatedAt: new Date(t0 + i * 60_000) });
      for (let j = 0; j < perChat; j++) {
        const text = Array.from({ length: 40 }, (_, k) => WORDS[(i * 7 + j * 3 + k) % WORDS.length]).join(" ");
        // As the app stores them: a question's text part; an answer (thinking on) with the step
        // marker, its reasoning (twice the answer's length, as DeepSeek's often is) and its text.
        const reasoning = Array.from({ length: 80 }, (_, k) => WORDS[(i * 5 + j + k * 3) % WORDS.length]).join(" ");
        const parts = j % 2 ? [{ type: "step-start" }, { type: "reasoning", text: reasoning, state: "done" }, { type: "text", text, state: "done" }] : [{ type: "text", text }];
        messages.push({ id: `${id}m${j}`, chatId: id, parentId: j ? `${id}m${j - 1}` : null, role: j % 2 ? "assistant" : "user", parts, searchText: text, status: "complete", createdAt: new Date(t0 + i * 60_000 + j) });
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
  await seed(stack, cfg, stack.db.userId, "sb");
  for (let t = 1; t <= cfg.teammates; t++) {
    const mate = await stack.db.db.user.create({ data: { email: `teammate${t}@bench.local` } });
    await seed(stack, cfg, mate.id, `t${t}`);
  }
  // PostgreSQL's autovacuum analyzes a table within about a minute of a bulk load like this one;
  // plans (search's above all) depend on those statistics, so take them now.
  if (stack.provider === "postgresql") await stack.db.db.$executeRawUnsafe("ANALYZE");
  const seedSeconds = round((performance.now() - t) / 1000, 1);
  await time(3, () => get("/api/chats?limit=50"));
  const api = await time(cfg.repeats, () => get("/api/chats?limit=50"));
  const page = await time(Math.ceil(cfg.repeats / 2), () => get("/"));

  const db = stack.db.db;
  // Shoal's own search (GET /api/chats/search: titles, then LIKE / ILIKE over the stored parts),
  // signed in, through the app, the way the sidebar's search box calls it.
  const search = (term: string) => get(`/api/chats/search?q=${encodeURIComponent(term)}`);
  // A common term (in every message: the first 20 hits come from the newest chats), an absent one,
  // and an absent two-character Chinese word (no trigram for PostgreSQL's index: it reads all of the
  // user's messages, the worst case on both databases).
  await search("tango");
  const common = await time(cfg.repeats, () => search("tango"));
  const absent = await time(Math.ceil(cfg.repeats / 2), () => search("zzz-not-there"));
  const absentShort = await time(Math.ceil(cfg.repeats / 2), () => search("索引"));
  const messages = await db.message.count({ where: { chat: { userId: stack.db.userId } } });
  const teamMessages = await db.message.count();
  const result = {
    method: { ...cfg, provider: stack.provider, seedSeconds },
    sidebarApi: { emptyMs: emptyApi, loadedMs: api },
    chatHomePage: { emptyMs: emptyPage, loadedMs: page },
    search: {
      messages,
      teamMessages,
      commonTermMs: common,
      absentTermMs: absent,
      absentShortTermMs: absentShort,
      absentMsPer10kMessages: round((absent.p50 / messages) * 10_000, 2),
      absentShortMsPer10kMessages: round((absentShort.p50 / messages) * 10_000, 2),
    },
  };
  log(`sidebar ${stack.provider}: /api/chats p50 ${api.p50} ms (empty ${emptyApi.p50}); search common ${common.p50} ms, absent ${absent.p50} ms, absent 2-character ${absentShort.p50} ms over ${messages} of the team's ${teamMessages} messages`);
  return result;
}
