import "server-only";
import { env } from "@/lib/env";
import { getDb } from "../client";
import { providerFromUrl, type DbProvider } from "../url";

export type SearchHit = {
  chatId: string;
  title: string;
  messageId: string | null;
  role: string | null;
  snippet: string;
  updatedAt: Date;
};

type Row = { id: string; chatId: string; role: string; status: string; parts: unknown; title: string; updatedAt: Date | string };

/** LIKE pattern for a literal substring (escape character: backslash). */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The visible text of stored parts (answer and question; never reasoning). */
export function partsText(parts: unknown): string {
  const list = typeof parts === "string" ? (JSON.parse(parts) as unknown) : parts;
  if (!Array.isArray(list)) return "";
  return list
    .filter((p): p is { type: "text"; text: string } => !!p && typeof p === "object" && p.type === "text" && typeof p.text === "string")
    .map((p) => p.text)
    .join("\n");
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

/** The message queries of `searchChats`; each returns its rows newest chat first. */
export type SearchStatements = {
  /** The user's `chats` most recent chats, read chat by chat. Values: userId, chats (-1: all), pattern, rows. */
  walk: string;
  /** PostgreSQL: the term's candidates from the trigram index, then the user's among them. Values: userId, pattern, rows. */
  trigram: string | null;
};

/**
 * `caseless`: the term has no letters with case (Chinese, digits), so PostgreSQL can match with
 * LIKE, which costs about half of ILIKE per row (ILIKE lower-cases every message's text first).
 */
export function searchStatements(provider: DbProvider, { caseless = false } = {}): SearchStatements {
  const select = `SELECT m."id", m."chatId", m."role", m."status", m."parts", c."title", c."updatedAt"`;
  const order = `ORDER BY c."updatedAt" DESC, c."id" DESC, m."createdAt" DESC`;
  if (provider === "sqlite") {
    return {
      walk: `${select} FROM (SELECT "id", "title", "updatedAt" FROM "Chat" WHERE "userId" = ? AND "deletedAt" IS NULL ORDER BY "updatedAt" DESC, "id" DESC LIMIT ?) c
        JOIN "Message" m ON m."chatId" = c."id" WHERE m."parts" LIKE ? ESCAPE '\\' ${order} LIMIT ?`,
      trigram: null,
    };
  }
  const like = caseless ? "LIKE" : "ILIKE";
  // The walk's OFFSET 0 fences keep PostgreSQL from flattening it into a join it might run as a scan
  // of every user's messages; it names no status, so it can never use the (partial) trigram index.
  // MATERIALIZED makes the trigram query find the term's messages first, which the index answers.
  return {
    walk: `${select} FROM (SELECT "id", "title", "updatedAt" FROM "Chat" WHERE "userId" = $1 AND "deletedAt" IS NULL
        ORDER BY "updatedAt" DESC, "id" DESC LIMIT CASE WHEN $2::int < 0 THEN NULL ELSE $2::int END OFFSET 0) c
      CROSS JOIN LATERAL (SELECT * FROM "Message" m WHERE m."chatId" = c."id" AND m."parts"::text ${like} $3 ESCAPE '\\' OFFSET 0) m
      ${order} LIMIT $4`,
    trigram: `WITH m AS MATERIALIZED (SELECT * FROM "Message" WHERE "status" <> 'streaming' AND "parts"::text ${like} $2 ESCAPE '\\')
      ${select} FROM m JOIN "Chat" c ON c."id" = m."chatId" WHERE c."userId" = $1 AND c."deletedAt" IS NULL ${order} LIMIT $3`,
  };
}

/**
 * Substring search over one user's chat titles and message text. LIKE/ILIKE on the stored JSON
 * narrows the candidates on both engines and works for Chinese (no word segmentation needed); the
 * exact match is then checked on the text parts only, so JSON keys and reasoning never match.
 *
 * Messages come newest chat first (chat `updatedAt`, then message `createdAt`), in two passes:
 * 1. the user's RECENT_CHATS most recent chats, read chat by chat through the (chatId, createdAt)
 *    index: bounded work however much the database holds. A common term fills the result here,
 *    and what it returns is exactly the start of the full ordering.
 * 2. only when that found too few: all of the user's chats. On PostgreSQL a term of three or more
 *    characters goes through the trigram index ("Message_parts_trgm_idx", a PostgreSQL-only
 *    migration), so a rare term costs milliseconds instead of a scan of every user's messages;
 *    otherwise the walk goes on through the user's own chats.
 * The trigram index leaves out answers still streaming (their checkpoints would rewrite it every
 * second), so pass 2 leaves them out too, and pass 1 drops them to match.
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
  if (hits.length >= limit) return hits;

  const sql = searchStatements(pg ? "postgresql" : "sqlite", { caseless: q.toLowerCase() === q.toUpperCase() });
  const rows = limit * 4;
  let found = await db.$queryRawUnsafe<Row[]>(sql.walk, userId, RECENT_CHATS, pattern, rows);
  if (found.length < rows) {
    // Too few in the recent chats: all of them. A term of three or more characters has trigrams for
    // PostgreSQL's index; a shorter one (a two-character Chinese word, say) has none, so it walks
    // the user's own chats rather than every user's messages.
    found =
      sql.trigram && [...q].length >= 3
        ? await db.$queryRawUnsafe<Row[]>(sql.trigram, userId, pattern, rows)
        : await db.$queryRawUnsafe<Row[]>(sql.walk, userId, -1, pattern, rows);
  }
  for (const row of found) {
    if (hits.length >= limit) break;
    if (row.status === "streaming") continue;
    const snippet = snippetAround(partsText(row.parts).replace(/[*`#>]+|__/g, ""), q);
    if (!snippet) continue;
    hits.push({ chatId: row.chatId, title: row.title, messageId: row.id, role: row.role, snippet, updatedAt: new Date(row.updatedAt) });
  }
  return hits;
}
