import { hash } from "@node-rs/argon2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppServer } from "../support/app-server";
import { freshDatabase, type TestDatabase } from "../support/db";
import { startEmulator } from "../support/deepseek-emulator/server";
import { HttpClient, readUiStream } from "../support/http-client";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
const PASSWORD = "integration-password";
let seq = 0;
const newId = (prefix: string) => `${prefix}${Date.now().toString(36)}${(seq++).toString(36)}`;
const chatBody = (text: string) => ({ id: newId("c"), message: { id: newId("m"), role: "user", parts: [{ type: "text", text }] }, model: "deepseek-flash", thinking: false });

async function stack(apiKey: string) {
  const emulator = await startEmulator({ port: 0 });
  const database = await freshDatabase("sqlite");
  const passwordHash = await hash(PASSWORD);
  await database.db.user.create({ data: { email: "admin@example.com", passwordHash, role: "admin" } });
  await database.db.user.create({ data: { email: "member@example.com", passwordHash } });
  const app = await startApp({ databaseUrl: database.url, deepseekBaseUrl: emulator.url, apiKey, extraEnv: { BALANCE_REFRESH_MINUTES: "0" } });
  const admin = new HttpClient(app.url);
  const member = new HttpClient(app.url);
  expect(await admin.signIn("admin@example.com", PASSWORD)).toBe(true);
  expect(await member.signIn("member@example.com", PASSWORD)).toBe(true);
  return { emulator, database, app, admin, member, stop: async () => (await app.stop(), await emulator.close(), await database.cleanup()) };
}

describe("DeepSeek balance for admins (sqlite)", () => {
  let s: Awaited<ReturnType<typeof stack>>;
  beforeAll(async () => (s = await stack("sk-shoal-canary-0123456789abcdef0123456789abcdef")));
  afterAll(async () => s?.stop());

  it("fetches GET /user/balance on demand, for admins only", async () => {
    expect((await s.member.fetch("/api/admin/balance", { method: "POST" })).status).toBe(403);
    const res = await s.admin.fetch("/api/admin/balance", { method: "POST" });
    expect(res.status).toBe(200);
    const { balance } = (await res.json()) as { balance: Record<string, unknown> };
    expect(balance).toMatchObject({ isAvailable: true, balances: [{ currency: "CNY", total: 110, granted: 10, toppedUp: 100 }] });
    expect(s.emulator.requests.length).toBe(0); // balance calls are not chat calls
  });

  it("shows admins the balance page, and a low-balance banner under the threshold only", async () => {
    const page = await (await s.admin.fetch("/admin/usage")).text();
    expect(page).toContain('data-testid="balance-total"');
    expect(page).toContain("110.00 CNY");
    expect(page).not.toContain('data-testid="balance-banner"');
    expect(page).toContain('data-testid="admin-prices"');
    expect(page).toContain("<td>3.96</td>"); // deepseek-v4-pro peak output, the seeded default
    expect((await s.member.fetch("/admin/usage")).status).toBe(403);

    await s.admin.json("/api/admin/usage-settings", { lowBalanceThreshold: 200 }, { method: "PUT" });
    const low = await (await s.admin.fetch("/usage")).text();
    expect(low).toContain('data-kind="low"');
    expect(await (await s.member.fetch("/usage")).text()).not.toContain('data-testid="balance-banner"');
    await s.admin.json("/api/admin/usage-settings", { lowBalanceThreshold: 50 }, { method: "PUT" });
    expect(await (await s.admin.fetch("/usage")).text()).not.toContain('data-testid="balance-banner"');
  });

  it("exports the ledger as CSV for admins", async () => {
    await readUiStream(await s.member.json("/api/chat", chatBody("for the csv")));
    expect((await s.member.fetch("/api/admin/usage/export")).status).toBe(403);
    const res = await s.admin.fetch("/api/admin/usage/export");
    expect(res.headers.get("content-type")).toContain("text/csv");
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines[0]).toMatch(/^startedAt,finishedAt,user,source,model/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("member@example.com,chat,deepseek-flash,complete");
  });
});

describe("a 402 from DeepSeek (sqlite, empty account)", () => {
  let s: Awaited<ReturnType<typeof stack>>;
  beforeAll(async () => (s = await stack("sk-broke-0123456789abcdef")));
  afterAll(async () => s?.stop());

  it("tells the member, records the failure and raises the admins' banner", async () => {
    const parts = await readUiStream(await s.member.json("/api/chat", chatBody("hello")));
    expect(parts.find((p) => p.type === "error")).toEqual({ type: "error", errorText: "payment_required:deepseek" });
    const page = await (await s.admin.fetch("/")).text();
    expect(page).toContain('data-kind="empty"');
    const admin = await (await s.admin.fetch("/admin/usage")).text();
    expect(admin).toContain("0.00 CNY");
    expect(admin).toContain('data-testid="balance-available"');
    const rows = await s.database.db.usageRecord.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "error", errorCode: "payment_required:deepseek" });
  });
});
