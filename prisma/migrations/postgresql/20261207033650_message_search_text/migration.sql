-- Search reads "searchText", the visible text of a message's parts (lib/chat/search-text.ts):
-- the text parts' text joined by a newline, never reasoning or the JSON's keys. The app writes it
-- with "parts" from now on; the next migration computes it for the messages already stored. Its
-- default is for an instance still running the previous version during an upgrade: its messages
-- save without it rather than fail. Adding a column with a constant default rewrites nothing.
-- The trigram index on the JSON text goes first, so the backfill does not maintain it; the
-- migration after the backfill indexes "searchText" instead.
DROP INDEX IF EXISTS "Message_parts_trgm_idx";

-- AlterTable
ALTER TABLE "Message" ADD COLUMN "searchText" TEXT NOT NULL DEFAULT '';
