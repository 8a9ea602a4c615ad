// Throwaway PostgreSQL databases for tests. Refuses any server but this machine's, so a stray
// TEST_PG_URL can never point the suite at a shared or production database.
import { randomBytes } from "node:crypto";
import pg from "pg";

export const DEFAULT_TEST_PG_URL = "postgresql://postgres@127.0.0.1:5432/postgres";
const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

export type ThrowawayDatabase = { url: string; name: string; drop(): Promise<void> };

/** The admin URL from TEST_PG_URL (default local postgres); throws unless its host is loopback. */
export function testServerUrl(raw = process.env.TEST_PG_URL || DEFAULT_TEST_PG_URL): URL {
  const url = new URL(raw);
  if (!/^postgres(ql)?:$/.test(url.protocol)) throw new Error(`TEST_PG_URL must be a postgresql:// URL`);
  if (!LOCAL_HOSTS.has(url.hostname)) {
    throw new Error(`Refusing to create test databases on "${url.hostname}": TEST_PG_URL must point at 127.0.0.1, localhost or ::1`);
  }
  return url;
}

async function admin<T>(server: URL, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: server.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates `shoal_test_<random>` (or `<prefix>_<random>`); `drop()` removes it, closing any session still on it. */
export async function createThrowawayDatabase(prefix = "shoal_test"): Promise<ThrowawayDatabase> {
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(prefix)) throw new Error(`Invalid database prefix "${prefix}"`);
  const server = testServerUrl();
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await admin(server, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(server);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    name,
    async drop() {
      if (dropped) return;
      dropped = true;
      await admin(server, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
