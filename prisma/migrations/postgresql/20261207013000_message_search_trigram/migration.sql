-- Substring search (lib/db/queries/search.ts) on PostgreSQL: a trigram index on the messages' JSON
-- text, so a rare term is found without reading every message of every user. Answers still
-- streaming are left out (their checkpoints would rewrite the index every second); search skips
-- them too. prisma/schema.prisma cannot describe an expression index, and Prisma's diff ignores
-- one, so this index lives only here (PostgreSQL; SQLite searches its user's chats without one).
-- pg_trgm ships with PostgreSQL and is a trusted extension (PostgreSQL 13+): the database's owner
-- may create it. On an existing database the index is built once, while writes to "Message" wait
-- (about 20 s per 500,000 messages on a 2-core machine).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "Message_parts_trgm_idx" ON "Message" USING gin (("parts"::text) gin_trgm_ops) WHERE "status" <> 'streaming';
