// The text search reads: stored with every message as "searchText" (prisma/schema.prisma), written
// wherever a message is saved (not by a streaming answer's checkpoints). Pure module: the app, the
// import, db:migrate and the tests all compute it here; the migration that added the column
// computes the same in SQL for the messages already stored.

/**
 * The visible text of stored parts: the text parts' text, joined by a newline (questions and
 * answers; never reasoning, tool or file parts, nor the JSON's keys). Anything that is not an
 * array of parts has none.
 */
export function partsText(parts: unknown): string {
  if (!Array.isArray(parts)) return "";
  return parts
    .filter((p): p is { type: "text"; text: string } => !!p && typeof p === "object" && p.type === "text" && typeof p.text === "string")
    .map((p) => p.text)
    .join("\n");
}
