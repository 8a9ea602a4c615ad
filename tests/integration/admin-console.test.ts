import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveLinkKey, openLinkToken, sealLinkToken } from "@/lib/admin/link-crypto";
import { hashToken } from "@/lib/api/tokens";
import { startApp, TEST_AUTH_SECRET, type AppServer } from "../support/app-server";
import { freshDatabase, type TestDatabase } from "../support/db";
import { startEmulator } from "../support/deepseek-emulator/server";
import { HttpClient } from "../support/http-client";
import { signUp } from "../support/teams-helpers";

type ListedInvite = { id: string; email: string | null; url: string | null };
type AuditEntry = { action: string; actorEmail: string; details: unknown };

describe.each(["sqlite", "postgresql"] as const)("admin console: copyable invitation links, audited sharing switch (production build, %s)", (provider) => {
  let database: TestDatabase;
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let app: AppServer;
  let admin: HttpClient;
  let member: HttpClient;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tokenDelayMs: 0 });
    database = await freshDatabase(provider);
    app = await startApp({ databaseUrl: database.url, deepseekBaseUrl: emulator.url, extraEnv: { SIGNUP_POLICY: "invite" } });
    admin = (await signUp(app, { email: "boss@example.com" })).client; // the first account is the admin
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    await emulator?.close();
    await database?.cleanup();
  });

  const listInvites = async (client: HttpClient) => {
    const res = await client.fetch("/api/admin/invites");
    return { status: res.status, text: await res.text() };
  };

  it("lists a pending invitation with a working link, stored only as hash + ciphertext; a member gets 403", async () => {
    const created = await admin.json("/api/admin/invites", { email: "newbie@example.com", expiresInDays: 2 });
    expect(created.status).toBe(201);
    const { url, invite } = (await created.json()) as { url: string; invite: { id: string } };
    const token = new URL(url).searchParams.get("invite")!;

    // What the database holds: the hash for lookup and a ciphertext that opens only with the app's key.
    const row = await database.db.invitation.findUniqueOrThrow({ where: { id: invite.id } });
    expect(row.tokenHash).toBe(hashToken(token));
    expect(row.tokenCiphertext).toBeTruthy();
    expect(row.tokenCiphertext).not.toContain(token);
    expect(openLinkToken(row.tokenCiphertext!, deriveLinkKey(TEST_AUTH_SECRET), row.tokenHash)).toBe(token);
    expect(openLinkToken(row.tokenCiphertext!, deriveLinkKey("another-secret-0123456789abcdef012345"), row.tokenHash)).toBeNull();

    // Later (a new request, nothing kept in the page), the list gives the link back.
    const listed = await listInvites(admin);
    expect(listed.status).toBe(200);
    const again = (JSON.parse(listed.text) as { invites: ListedInvite[] }).invites.find((i) => i.id === invite.id);
    expect(again?.url).toBe(url);
    expect(listed.text).not.toContain("tokenHash");
    expect(listed.text).not.toContain("tokenCiphertext");

    // A member cannot read pending links (nor an anonymous visitor).
    const memberInvite = (await (await admin.json("/api/admin/invites", { email: "member@example.com" })).json()) as { url: string };
    const joined = await signUp(app, { email: "member@example.com", invite: new URL(memberInvite.url).searchParams.get("invite")! });
    expect(joined.signedIn).toBe(true);
    member = joined.client;
    const refused = await listInvites(member);
    expect(refused.status).toBe(403);
    expect(refused.text).not.toContain(token);
    expect((await listInvites(new HttpClient(app.url))).status).toBe(401);

    // The copied link works: sign-up is invite-only, and it lets the invitee in once.
    const copied = new URL(again!.url!);
    expect((await new HttpClient(app.url).fetch(copied.pathname + copied.search)).status).toBe(200);
    expect((await signUp(app, { email: "stranger@example.com" })).text).toContain("invite_required");
    const newbie = await signUp(app, { email: "newbie@example.com", invite: copied.searchParams.get("invite")! });
    expect(newbie.signedIn).toBe(true);
    expect((JSON.parse((await listInvites(admin)).text) as { invites: ListedInvite[] }).invites.map((i) => i.id)).not.toContain(invite.id);
  });

  it("gives no link for invitations without a readable ciphertext (created before, or under another secret)", async () => {
    const creator = await database.db.user.findUniqueOrThrow({ where: { email: "boss@example.com" } });
    const expiresAt = new Date(Date.now() + 86_400_000);
    const legacyHash = hashToken("legacy-token-legacy-token-legacy-token-0001");
    const rotatedHash = hashToken("rotated-token-rotated-token-rotated-tok-0002");
    const moved = await admin.json("/api/admin/invites", { email: "moved@example.com" });
    const movedId = ((await moved.json()) as { invite: { id: string } }).invite.id;
    const movedRow = await database.db.invitation.findUniqueOrThrow({ where: { id: movedId } });
    await database.db.invitation.createMany({
      data: [
        { tokenHash: legacyHash, email: "legacy@example.com", createdById: creator.id, expiresAt },
        { tokenHash: rotatedHash, tokenCiphertext: sealLinkToken("rotated-token-rotated-token-rotated-tok-0002", deriveLinkKey("old-secret-0123456789abcdef0123456789"), rotatedHash), email: "rotated@example.com", createdById: creator.id, expiresAt },
        // A valid ciphertext copied onto another row is refused (it is bound to its own hash).
        { tokenHash: hashToken("swapped-token"), tokenCiphertext: movedRow.tokenCiphertext, email: "swapped@example.com", createdById: creator.id, expiresAt },
      ],
    });
    const { invites } = JSON.parse((await listInvites(admin)).text) as { invites: ListedInvite[] };
    const byEmail = Object.fromEntries(invites.map((i) => [i.email, i.url]));
    expect(byEmail["legacy@example.com"]).toBeNull();
    expect(byEmail["rotated@example.com"]).toBeNull();
    expect(byEmail["swapped@example.com"]).toBeNull();
    expect(byEmail["moved@example.com"]).toMatch(/\/sign-up\?invite=[\w-]{43}$/);
  });

  it("records the public links switch in the audit log; a member can neither switch it nor add entries", async () => {
    expect((await member.json("/api/admin/sharing", { publicEnabled: false }, { method: "PUT" })).status).toBe(403);
    const off = await admin.json("/api/admin/sharing", { publicEnabled: false }, { method: "PUT" });
    expect(off.status).toBe(200);
    expect(await off.json()).toEqual({ publicEnabled: false });
    expect((await admin.json("/api/admin/sharing", { publicEnabled: true }, { method: "PUT" })).status).toBe(200);
    const { entries } = (await (await admin.fetch("/api/admin/audit")).json()) as { entries: AuditEntry[] };
    const sharing = entries.filter((e) => e.action === "sharing.update");
    expect(sharing).toHaveLength(2);
    expect(sharing[0]).toMatchObject({ actorEmail: "boss@example.com", details: { from: { publicEnabled: false }, to: { publicEnabled: true } } });
    expect(sharing[1]).toMatchObject({ details: { from: { publicEnabled: true }, to: { publicEnabled: false } } });
  });

  it("puts the switch in the console's Sharing tab and only a pointer on /admin/usage", async () => {
    const consolePage = await (await admin.fetch("/admin?tab=sharing")).text();
    expect(consolePage).toContain('data-testid="sharing-public-toggle"');
    const usagePage = await (await admin.fetch("/admin/usage")).text();
    expect(usagePage).not.toContain('data-testid="sharing-public-toggle"');
    expect(usagePage).toContain("/admin?tab=sharing");
    expect((await member.fetch("/admin?tab=sharing")).status).toBe(403);
  });
});
