-- Search reads "searchText", the visible text of a message's parts (lib/chat/search-text.ts):
-- the text parts' text joined by a newline, never reasoning or the JSON's keys. Existing messages
-- get it here, computed from their parts exactly as the app computes it (a test compares the two);
-- the app writes it with "parts" from now on. This rewrites every message once (about 12 s per
-- 500,000 on a 2-core machine); the trigram index on the JSON text goes first so the rewrite does
-- not maintain it, and the next migration indexes "searchText" instead.
DROP INDEX IF EXISTS "Message_parts_trgm_idx";

-- AlterTable
ALTER TABLE "Message" ADD COLUMN "searchText" TEXT NOT NULL DEFAULT '';

UPDATE "Message" SET "searchText" = COALESCE((
  SELECT string_agg(e ->> 'text', E'\n' ORDER BY i)
  FROM jsonb_array_elements(CASE WHEN jsonb_typeof("parts") = 'array' THEN "parts" ELSE '[]'::jsonb END) WITH ORDINALITY AS t(e, i)
  WHERE e ->> 'type' = 'text' AND jsonb_typeof(e -> 'text') = 'string'
), '');

ALTER TABLE "Message" ALTER COLUMN "searchText" DROP DEFAULT;
