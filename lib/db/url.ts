import path from "node:path";

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

/** `file:./data/x.db`, `file:/abs/x.db`, `file:///abs/x.db` → absolute path (relative to `cwd`). Query params are ignored. */
export function sqliteFilePath(url: string, cwd = process.cwd()): string {
  let p = url.replace(/^file:/, "").replace(/[?#].*$/, "");
  if (p.startsWith("//")) p = p.replace(/^\/\/(localhost)?/, "");
  if (p === "") throw new Error(`DATABASE_URL "${url}" names no SQLite file`);
  return path.resolve(cwd, p);
}

/** The URL @libsql/client expects for an absolute path (it percent-decodes the path). */
export function libsqlUrl(filePath: string): string {
  return `file:${filePath.split(path.sep).map(encodeURIComponent).join("/")}`;
}
