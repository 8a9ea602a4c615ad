// Pure: no imports from the app, so Node scripts (type stripping) and Next.js both load it.
export type DbProvider = "sqlite" | "postgresql";

export const DEFAULT_DATABASE_URL = "file:./data/shoal.db";

export function providerFromUrl(url: string): DbProvider {
  if (url.startsWith("file:")) return "sqlite";
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) return "postgresql";
  throw new Error(
    `DATABASE_URL must start with file: (SQLite) or postgres:// / postgresql:// (PostgreSQL); got "${url.split(":")[0]}:…"`,
  );
}
