import "server-only";
import { env } from "@/lib/env";
import { getDb } from "../client";
import { SEARCH_INDEX_EXISTS_SQL } from "../search-index";
import { providerFromUrl, type DbProvider } from "../url";

export type SearchHit = {
  chatId: string;
  title: string;
  messageId: string | null;
  role: string | null;
  snippet: string;
  updatedAt: Date;
};

type Row = { id: string; chatId: string; role: string; searchText: string; title: string; updatedAt: Date | string };

/** LIKE pattern for a literal substring (escape character: backslash). */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** ~`width` characters around the first case-insensitive match, on one line. */
export function snippetAround(text: string, q: string, width = 120): string | null {
  const at = text.toLocaleLowerCase().indexOf(q.toLocaleLowerCase());
  if (at < 0) return null;
  const start = Math.max(0, at - Math.floor((width - q.length) / 2));
  const end = Math.min(text.length, start + width);
  return `${start > 0 ? "…" : ""}${text.slice(start, end).replace(/\s+/g, " ").trim()}${end < text.length ? "…" : ""}`;
}

/** How many of the user's most recently active chats the first, bounded pass reads. */
export const RECENT_CHATS = 50;
/** The most messages (of anyone's) the trigram index may hand back before the walk is cheaper. */
export const TRIGRAM_CANDIDATES = 2_000;

/**
 * Whether a term can use PostgreSQL's trigram index: it needs a run of three letters or digits
 * (pg_trgm looks up words; "c++", "1.5" or a two-character Chinese word give it nothing to find).
 */
export function trigramTerm(q: string): boolean {
  return /[\p{L}\p{N}]{3}/u.test(q);
}

/**
 * The second pass, once the recent chats gave too few rows: none when those were all the user's
 * chats; the trigram index when the database has it and the term is one it can look up, and it
 * finds at most TRIGRAM_CANDIDATES messages of anyone's (`candidates`: -1 = no trigram, null = not
 * asked); otherwise the walk through all the user's chats, whose cost is what the user has.
 */
export function secondPass(o: { userChats: number; trigramIndex: boolean; q: string; candidates: number | null }): "none" | "probe" | "trigram" | "walk" {
  if (o.userChats <= RECENT_CHATS) return "none";
  if (!o.trigramIndex || !trigramTerm(o.q)) return "walk";
  if (o.candidates === null) return "probe";
  return o.candidates >= 0 && o.candidates <= TRIGRAM_CANDIDATES ? "trigram" : "walk";
}

/** Whether this database has search's trigram index (PostgreSQL; asked once per process). */
let trigramIndex: Promise<boolean> | undefined;
function hasTrigramIndex(): Promise<boolean> {
  trigramIndex ??= getDb()
    .$queryRawUnsafe<Array<{ ok: boolean }>>(SEARCH_INDEX_EXISTS_SQL)
    .then((r) => r[0]?.ok === true)
    .catch(() => {
      trigramIndex = undefined;
      return false;
    });
  return trigramIndex;
}

/** The message queries of `searchChats`; each returns its rows newest chat first. */
export type SearchStatements = {
  /** The user's `chats` most recent chats, read chat by chat. Values: userId, chats (-1: all), pattern, rows. */
  walk: string;
  /** PostgreSQL: the term's candidates from the trigram index, then the user's among them. Values: userId, pattern, rows. */
  trigram: string | null;
  /**
   * PostgreSQL: how many messages of anyone's the index finds for the term, counted up to a cap
   * (-1 when the term gives the index no trigram to look up). Values: term, pattern, cap + 1.
   */
  probe: string | null;
  /** How many chats the user has (not deleted). Values: userId. */
  chats: string;
};

/**
 * `caseless`: the term has no letters with case (Chinese, digits), so PostgreSQL can match with
 * LIKE, which costs about half of ILIKE per row (ILIKE lower-cases every message's text first).
 */
export function searchStatements(provider: DbProvider, { caseless = false } = {}): SearchStatements {
  const select = `SELECT m."id", m."chatId", m."role", m."searchText", c."title", c."updatedAt"`;
  const order = `ORDER BY c."updatedAt" DESC, c."id" DESC, m."createdAt" DESC`;
  const chats = `SELECT count(*) AS "n" FROM "Chat" WHERE "userId" = ${provider === "sqlite" ? "?" : "$1"} AND "deletedAt" IS NULL`;
  if (provider === "sqlite") {
    return {
      walk: `${select} FROM (SELECT "id", "title", "updatedAt" FROM "Chat" WHERE "userId" = ? AND "deletedAt" IS NULL ORDER BY "updatedAt" DESC, "id" DESC LIMIT ?) c
        JOIN "Message" m ON m."chatId" = c."id" WHERE m."searchText" LIKE ? ESCAPE '\\' AND m."status" <> 'streaming' ${order} LIMIT ?`,
      trigram: null,
      probe: null,
      chats,
    };
  }
  const like = caseless ? "LIKE" : "ILIKE";
  const columns = `"id", "chatId", "role", "status", "searchText", "createdAt"`;
  // The walk's OFFSET 0 fences keep PostgreSQL from flattening it into a join it might run as a scan
  // of every user's messages; inside them it names no status, so it can never use the (partial)
  // trigram index (answers still streaming are dropped outside).
  // MATERIALIZED makes the trigram query find the term's messages first, which the index answers.
  return {
    walk: `${select} FROM (SELECT "id", "title", "updatedAt" FROM "Chat" WHERE "userId" = $1 AND "deletedAt" IS NULL
        ORDER BY "updatedAt" DESC, "id" DESC LIMIT CASE WHEN $2::int < 0 THEN NULL ELSE $2::int END OFFSET 0) c
      CROSS JOIN LATERAL (SELECT ${columns} FROM "Message" m WHERE m."chatId" = c."id" AND m."searchText" ${like} $3 ESCAPE '\\' OFFSET 0) m
      WHERE m."status" <> 'streaming' ${order} LIMIT $4`,
    trigram: `WITH m AS MATERIALIZED (SELECT ${columns} FROM "Message" WHERE "status" <> 'streaming' AND "searchText" ${like} $2 ESCAPE '\\')
      ${select} FROM m JOIN "Chat" c ON c."id" = m."chatId" WHERE c."userId" = $1 AND c."deletedAt" IS NULL ${order} LIMIT $3`,
    // show_trgm: the database's locale decides what is a word character (under LOCALE "C" no
    // Chinese is); without a trigram the index would have to hand back every message.
    probe: `SELECT CASE WHEN show_trgm($1) = '{}' THEN -1 ELSE (SELECT count(*) FROM (SELECT 1 FROM "Message"
      WHERE "status" <> 'streaming' AND "searchText" ${like} $2 ESCAPE '\\' LIMIT $3) x) END AS "n"`,
    chats,
  };
}

/**
 * Substring search over one user's chat titles and message text. LIKE/ILIKE on each message's
 * `searchText` (its text parts' text, never reasoning or the stored JSON's keys) works on both
 * engines and for Chinese (no word segmentation needed), and every row it matches is a hit.
 *
 * Messages come newest chat first (chat `updatedAt`, then message `createdAt`), in two passes:
 * 1. the user's RECENT_CHATS most recent chats, read chat by chat through the (chatId, createdAt)
 *    index: bounded work however much the database holds. A common term fills the result here,
 *    and what it returns is exactly the start of the full ordering.
 * 2. only when that found too few hits, and the user has more chats (`secondPass`): on PostgreSQL
 *    a term the trigram index can look up (SEARCH_INDEX, a PostgreSQL-only migration) and that it
 *    finds in at most TRIGRAM_CANDIDATES messages team-wide goes through the index, in
 *    milliseconds; any other term walks the rest of the user's own chats, never the team's.
 * Answers still streaming are left out (the trigram index leaves them out, as their checkpoints
 * would rewrite it every second, and their checkpoints do not write `searchText`).
 */
export async function searchChats({ userId, q, limit = 20 }: { userId: string; q: string; limit?: number }): Promise<SearchHit[]> {
  const db = getDb();
  const pattern = likePattern(q);
  const pg = providerFromUrl(env.DATABASE_URL) === "postgresql";
  const titles = await db.chat.findMany({
    where: { userId, deletedAt: null, title: { contains: q, ...(pg ? { mode: "insensitive" as const } : {}) } },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, title: true, updatedAt: true },
  });
  const hits: SearchHit[] = titles.map((c) => ({ chatId: c.id, title: c.title, messageId: null, role: null, snippet: c.title, updatedAt: c.updatedAt }));
  const need = limit - hits.length;
  if (need <= 0) return hits;

  const sql = searchStatements(pg ? "postgresql" : "sqlite", { caseless: q.toLowerCase() === q.toUpperCase() });
  const messageHits = async (statement: string, ...values: unknown[]) => (await db.$queryRawUnsafe<Row[]>(statement, ...values)).map((row) => messageHit(row, q));
  let found = await messageHits(sql.walk, userId, RECENT_CHATS, pattern, need);
  if (found.length < need) {
    // Too few in the recent chats: the rest of them, unless there is no rest. On PostgreSQL the
    // trigram index finds a rare term in milliseconds; a term it cannot look up, or one so common
    // across the team that the index would hand back more than the user has, walks the user's chats.
    const [{ n }] = await db.$queryRawUnsafe<Array<{ n: number | bigint }>>(sql.chats, userId);
    const base = { userChats: Number(n), trigramIndex: pg && (await hasTrigramIndex()), q, candidates: null };
    let next = secondPass(base);
    if (next === "probe") {
      const [probe] = await db.$queryRawUnsafe<Array<{ n: number | bigint }>>(sql.probe!, q, pattern, TRIGRAM_CANDIDATES + 1);
      next = secondPass({ ...base, candidates: Number(probe.n) });
    }
    if (next === "trigram") found = await messageHits(sql.trigram!, userId, pattern, need);
    else if (next === "walk") found = await messageHits(sql.walk, userId, -1, pattern, need);
  }
  return [...hits, ...found];
}

/**
 * A matched message as a hit. The snippet is cut from the text without Markdown's marks; a term
 * that contains such marks (or that the database folds case differently for) gets its snippet
 * from the text as stored, or the text's start.
 */
function messageHit(row: Row, q: string): SearchHit {
  const snippet = snippetAround(row.searchText.replace(/[*`#>]+|__/g, ""), q) ?? snippetAround(row.searchText, q) ?? snippetAround(row.searchText, "") ?? "";
  return { chatId: row.chatId, title: row.title, messageId: row.id, role: row.role, snippet, updatedAt: new Date(row.updatedAt) };
}
