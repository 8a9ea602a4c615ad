// The stack Playwright tests against: the DeepSeek emulator, a fresh migrated SQLite database in a
// temp folder, and two instances of the production build sharing it and the machine's Redis (on the
// given port and the next one, so a reload can land on "another instance"). Stops everything on
// SIGTERM/SIGINT. A local OpenID Connect provider (port + 10) is the instances' "Local IdP" sign-in.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { applyMigrations } from "../../lib/db/migrate.ts";
import { startEmulator } from "./deepseek-emulator/server.ts";
import { startOidcProvider } from "./oidc-provider.ts";
import { e2eDatabaseDir } from "./e2e-db.ts";

const root = path.resolve(import.meta.dirname, "../..");
const port = Number(process.argv[2] ?? 3100);
const CANARY_API_KEY = "sk-shoal-canary-0123456789abcdef0123456789abcdef";

const emulator = await startEmulator({ port: 0, tokenDelayMs: 15, keepAliveMs: 200 });
// A fixed folder per port, so specs can open the same database to seed it (tests/support/e2e-db.ts).
const dir = e2eDatabaseDir(port);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
const databaseUrl = `file:${path.join(dir, "e2e.db")}`;
await applyMigrations(databaseUrl);

// Next.js reports 127.0.0.1 as "localhost" in request URLs, so Auth.js's callback URL uses localhost.
const appUrl = (listenPort: number) => `http://localhost:${listenPort}`;
const idp = await startOidcProvider({
  port: port + 10,
  redirectUris: [port, port + 1].map((p) => `${appUrl(p)}/api/auth/callback/oidc`),
  accounts: [
    { login: "oidc-e2e", password: "idp-password", sub: "e2e-1", email: "oidc-e2e@example.com", email_verified: true, name: "OIDC Person" },
    { login: "oidc-unverified", password: "idp-password", sub: "e2e-2", email: "oidc-unverified@example.com", email_verified: false },
  ],
});

const redisPrefix = `shoal-e2e-${process.pid}`;
const startInstance = (listenPort: number) =>
  spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(listenPort), "-H", "127.0.0.1"], {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: databaseUrl,
      DEEPSEEK_BASE_URL: emulator.url,
      DEEPSEEK_API_KEY: CANARY_API_KEY,
      AUTH_SECRET: "shoal-e2e-secret-0123456789abcdef0123456789",
      MODELS_CACHE_SECONDS: "0",
      REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
      REDIS_KEY_PREFIX: redisPrefix,
      // The specs send many messages in quick succession; the per-minute limit itself is covered by
      // the integration suite (two processes sharing Redis).
      RATE_LIMIT_PER_MINUTE: "0",
      AUTH_URL: appUrl(listenPort),
      AUTH_OIDC_ISSUER: idp.issuer,
      AUTH_OIDC_ID: idp.clientId,
      AUTH_OIDC_SECRET: idp.clientSecret,
      AUTH_OIDC_NAME: "Local IdP",
    },
  });
async function waitHealthy(listenPort: number) {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${listenPort}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
// Playwright waits for the second instance's health URL, so both are up when tests start.
const child = startInstance(port);
await waitHealthy(port);
const second = startInstance(port + 1);

const shutdown = async () => {
  child.kill("SIGTERM");
  second.kill("SIGTERM");
  await emulator.close();
  await idp.close();
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
second.on("exit", (code) => console.error(`second instance exited with ${code}`));
child.on("exit", (code) => {
  console.error(`next start exited with ${code}`);
  void emulator.close().then(() => process.exit(code ?? 1));
});
