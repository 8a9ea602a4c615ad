-- Substring search (lib/db/queries/search.ts) on PostgreSQL: a trigram index on the messages'
-- visible text ("searchText"), so a rare term is found without reading every message of every
-- user. It replaces the index on the JSON text (20261207013000), which the previous migration
-- dropped. Answers still streaming are left out (their checkpoints would rewrite the index every
-- second); search skips them too. prisma/schema.prisma cannot describe a trigram index (nor a
-- partial one), and Prisma's diff ignores it, so this index lives only here (PostgreSQL; SQLite
-- searches its user's chats without one).
--
-- pg_trgm ships with PostgreSQL and is a trusted extension (PostgreSQL 13+): a role that may create
-- objects in the database may create it. Where it cannot be created (a role without that right, a
-- server without the contrib modules), the migration still succeeds without the index: search
-- gives the same results, reading more rows, and `npm run db:migrate` says how to add it later
-- (this file, run again as the owner, with the app's schema first on the search_path).
-- Where pg_trgm is already installed in another schema (Supabase's "extensions", say), its
-- operator class is named with that schema. On an existing database the index is built once,
-- while writes to "Message" wait (about 20 s per 500,000 messages on a 2-core machine).
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN insufficient_privilege OR undefined_file OR feature_not_supported THEN
  RAISE WARNING 'pg_trgm is not available (%): search works without its index', SQLERRM;
END $$;

DO $$
DECLARE
  ops_schema text;
BEGIN
  SELECT n.nspname INTO ops_schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
  IF ops_schema IS NOT NULL THEN
    EXECUTE format(
      'CREATE INDEX IF NOT EXISTS "Message_searchText_trgm_idx" ON "Message" USING gin ("searchText" %I.gin_trgm_ops) WHERE "status" <> %L',
      ops_schema,
      'streaming'
    );
  END IF;
END $$;
