import "server-only";
import { env } from "@/lib/env";
import { getDb } from "../client";
import { providerFromUrl } from "../url";

export type SearchHit = {
  chatId: string;
  title: string;
  messageId: string | null;
  role: string | null;
  snippet: string;
  updatedAt: Date;
};

type Row = { id: string; chatId: string; role: string; parts: unknown; title: string; updatedAt: Date | string };

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

/**
 * Substring search over one user's chat titles and message text. LIKE/ILIKE on the stored JSON
 * narrows the candidates on both engines and works for Chinese (no word segmentation needed); the
 * exact match is then checked on the text parts only, so JSON keys and reasoning never match.
 */
export async function searchChats({ userId, q, limit = 20 }: { userId: string; q: string; limit?: number }): Promise<SearchHit[]> {
  const db = getDb();
  const pattern = likePattern(q);
  const pg = providerFromUrl(env.DATABASE_URL) === "postgresql";
  const titles = await db.chat.findMany({
    where: { userId, deletedAt: null, title: { contains: q, ...(pg ? { mode: "insensitive" as const } : {}) } },
    orderBy: { updatedAt: "desc" },
    take: limit,
    select: { id: true, title: true, updatedAt: true },
  });
  const rows: Row[] = pg
    ? await db.$queryRawUnsafe<Row[]>(
        `SELECT m."id", m."chatId", m."role", m."parts", c."title", c."updatedAt" FROM "Message" m JOIN "Chat" c ON c."id" = m."chatId"
         WHERE c."userId" = $1 AND c."deletedAt" IS NULL AND m."parts"::text ILIKE $2 ESCAPE '\\' ORDER BY m."createdAt" DESC LIMIT $3`,
        userId,
        pattern,
        limit * 4,
      )
    : await db.$queryRawUnsafe<Row[]>(
        `SELECT m."id", m."chatId", m."role", m."parts", c."title", c."updatedAt" FROM "Message" m JOIN "Chat" c ON c."id" = m."chatId"
         WHERE c."userId" = ? AND c."deletedAt" IS NULL AND m."parts" LIKE ? ESCAPE '\\' ORDER BY m."createdAt" DESC LIMIT ?`,
        userId,
        pattern,
        limit * 4,
      );
  const hits: SearchHit[] = titles.map((c) => ({ chatId: c.id, title: c.title, messageId: null, role: null, snippet: c.title, updatedAt: c.updatedAt }));
  for (const row of rows) {
    if (hits.length >= limit) break;
    const snippet = snippetAround(partsText(row.parts).replace(/[*`#>]+|__/g, ""), q);
    if (!snippet) continue;
    hits.push({ chatId: row.chatId, title: row.title, messageId: row.id, role: row.role, snippet, updatedAt: new Date(row.updatedAt) });
  }
  return hits;
}
