// The e2e stack's SQLite database (tests/support/e2e-server.ts), opened from a spec to seed data
// directly — e.g. a 500-message chat that would take minutes to create through the chat route.
import os from "node:os";
import path from "node:path";
import { PrismaLibSql } from "@prisma/adapter-libsql";
import { PrismaClient } from "../../generated/prisma/sqlite/client.ts";

export function e2eDatabaseDir(port: number): string {
  return path.join(os.tmpdir(), `shoal-e2e-${port}`);
}

/** A Prisma client on the running e2e stack's database (same port as playwright.config.ts). */
export function openE2eDb(): PrismaClient {
  const port = Number(process.env.E2E_PORT ?? 3100);
  const file = path.join(e2eDatabaseDir(port), "e2e.db");
  return new PrismaClient({ adapter: new PrismaLibSql({ url: `file:${file}`, timeout: 5000 }) });
}

/** Whoever signed up first is the admin; make this user one too, whatever order the specs ran in. */
export async function promoteToAdmin(email: string): Promise<void> {
  const db = openE2eDb();
  try {
    await db.user.update({ where: { email }, data: { role: "admin" } });
  } finally {
    await db.$disconnect();
  }
}

/** Back to the default sign-up policy (open), for specs that change it. */
export async function resetSignupPolicy(): Promise<void> {
  const db = openE2eDb();
  try {
    await db.setting.deleteMany({ where: { key: "signup" } });
  } finally {
    await db.$disconnect();
  }
}
