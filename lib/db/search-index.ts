// Search's trigram index on PostgreSQL, which only a migration creates (schema.prisma cannot
// describe it). Pure module: the migration script and the app's search both ask about it.

/** The migration that adds the index (its SQL also adds it later, run by the database's owner). */
export const SEARCH_INDEX_MIGRATION = "20261207033700_search_text_trigram";

/** The index: GIN trigrams on "Message"."searchText", leaving out answers still streaming. */
export const SEARCH_INDEX = "Message_searchText_trgm_idx";

/** One row, `ok`: whether the index exists, resolved through the connection's search_path. */
export const SEARCH_INDEX_EXISTS_SQL = `SELECT to_regclass('"${SEARCH_INDEX}"') IS NOT NULL AS "ok"`;
