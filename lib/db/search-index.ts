// Search's trigram index on PostgreSQL, which only a migration creates (schema.prisma cannot
// describe it). Pure module: the migration script and the app's search both ask about it.

/** The migration that adds the index (its SQL also adds it later, run by the database's owner). */
export const SEARCH_INDEX_MIGRATION = "20261207013000_message_search_trigram";

/** One row, `ok`: whether the index exists, resolved through the connection's search_path. */
export const SEARCH_INDEX_EXISTS_SQL = `SELECT to_regclass('"Message_parts_trgm_idx"') IS NOT NULL AS "ok"`;
