import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CANARY_API_KEY, startApp, type AppServer } from "../support/app-server";
import { freshDatabase, type TestDatabase } from "../support/db";
import { startEmulator } from "../support/deepseek-emulator/server";
import { HttpClient } from "../support/http-client";
import { callAction } from "../support/server-actions";
import { PASSWORD, signedIn, signUp } from "../support/teams-helpers";

describe.each(["sqlite", "postgresql"] as const)("teams: sign-up policy, invitations, roles, disabling, deleting, passwords (production build, %s)", (provider) => {
  let database: TestDatabase;
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let app: AppServer;
  let admin: HttpClient;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tokenDelayMs: 0 });
    database = await freshDatabase(provider);
    app = await startApp({ databaseUrl: database.url, deepseekBaseUrl: emulator.url, extraEnv: { SIGNUP_POLICY: "closed", SIGNUP_EMAIL_DOMAINS: "example.com" } });
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    await emulator?.close();
    await database?.cleanup();
  });

  it("lets the first account in even when sign-up is closed, as the admin; then applies the env policy", async () => {
    const first = await signUp(app, { email: "root@elsewhere.org" });
    expect(first.redirect).toContain("/");
    expect(first.signedIn).toBe(true);
    admin = first.client;
    expect((await database.db.user.findUniqueOrThrow({ where: { email: "root@elsewhere.org" } })).role).toBe("admin");
    const second = await signUp(app, { email: "second@example.com" });
    expect(second.text).toContain("signup_closed");
    expect(await database.db.user.count()).toBe(1);
    const policy = await (await admin.fetch("/api/admin/signup-policy")).json();
    expect(policy).toEqual({ mode: "closed", emailDomains: ["example.com"], requireApproval: false });
    expect(await (await new HttpClient(app.url).fetch("/sign-up")).text()).toContain("signup-unavailable");
  });

  it("applies the domain allowlist and the approval queue set in the console", async () => {
    const put = await admin.json("/api/admin/signup-policy", { mode: "open", requireApproval: true }, { method: "PUT" });
    expect(put.status).toBe(200);
    expect((await signUp(app, { email: "outsider@other.org" })).text).toContain("domain_not_allowed");

    const pending = await signUp(app, { email: "pat@example.com" });
    expect(pending.text).toContain("pending_approval");
    expect(pending.signedIn).toBe(false);
    const pat = await database.db.user.findUniqueOrThrow({ where: { email: "pat@example.com" } });
    expect(pat.status).toBe("pending");
    // A pending account is told so (only after the right password), and gets no session.
    const attempt = await callAction(new HttpClient(app.url), "signInAction", "/sign-in", { email: "pat@example.com", password: PASSWORD });
    expect(attempt.text).toContain("pending_approval");
    const wrong = await callAction(new HttpClient(app.url), "signInAction", "/sign-in", { email: "pat@example.com", password: "wrong-password" });
    expect(wrong.text).toContain("invalid_credentials");

    expect((await admin.json(`/api/admin/users/${pat.id}`, { status: "active" }, { method: "PATCH" })).status).toBe(200);
    await signedIn(app, "pat@example.com");
    await admin.json("/api/admin/signup-policy", { mode: "invite", requireApproval: false }, { method: "PUT" });
  });

  it("signs up through a single-use invitation link (fixed email, stored hashed) while sign-up is invite-only", async () => {
    expect((await signUp(app, { email: "ivy@example.com" })).text).toContain("invite_required");
    const res = await admin.json("/api/admin/invites", { email: "Ivy@Example.com", expiresInDays: 3 });
    expect(res.status).toBe(201);
    const { url, invite } = (await res.json()) as { url: string; invite: { id: string; email: string } };
    expect(invite.email).toBe("ivy@example.com");
    const token = new URL(url).searchParams.get("invite")!;
    expect(token.length).toBeGreaterThanOrEqual(40);
    const row = await database.db.invitation.findUniqueOrThrow({ where: { id: invite.id } });
    expect(row.tokenHash).not.toContain(token);
    expect(row.tokenCiphertext ?? "").not.toContain(token);
    // The pending list gives the same link back (rebuilt from the sealed token; see admin-console.test.ts).
    const listed = (await (await admin.fetch("/api/admin/invites")).json()) as { invites: Array<{ id: string; url: string | null }> };
    expect(listed.invites.find((i) => i.id === invite.id)?.url).toBe(url);

    const page = await (await new HttpClient(app.url).fetch(`/sign-up?invite=${token}`)).text();
    expect(page).toContain("invite-banner");
    expect((await signUp(app, { email: "mallory@example.com", invite: token })).text).toContain("invite_email_mismatch");
    const ivy = await signUp(app, { email: "ivy@example.com", invite: token });
    expect(ivy.signedIn).toBe(true);
    expect((await ivy.client.fetch("/api/chats")).status).toBe(200);
    expect((await signUp(app, { email: "ivy2@example.com", invite: token })).text).toContain("invite_invalid");
    expect((await database.db.invitation.findUniqueOrThrow({ where: { id: invite.id } })).usedAt).not.toBeNull();

    // An open invitation (any email, even outside the allowlist) that is revoked stops working.
    const open = (await (await admin.json("/api/admin/invites", { role: "admin" })).json()) as { url: string; invite: { id: string } };
    expect((await admin.fetch(`/api/admin/invites/${open.invite.id}`, { method: "DELETE" })).status).toBe(204);
    const openToken = new URL(open.url).searchParams.get("invite")!;
    expect((await signUp(app, { email: "late@other.org", invite: openToken })).text).toContain("invite_invalid");
    const adminInvite = (await (await admin.json("/api/admin/invites", { role: "admin" })).json()) as { url: string };
    const newAdmin = await signUp(app, { email: "second-admin@other.org", invite: new URL(adminInvite.url).searchParams.get("invite")! });
    expect(newAdmin.signedIn).toBe(true);
    expect((await database.db.user.findUniqueOrThrow({ where: { email: "second-admin@other.org" } })).role).toBe("admin");
    expect((await newAdmin.client.fetch(`/api/admin/users/${(await database.db.user.findUniqueOrThrow({ where: { email: "second-admin@other.org" } })).id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ role: "member" }) })).status).toBe(200);
  });

  it("never leaves zero active admins", async () => {
    const me = await database.db.user.findUniqueOrThrow({ where: { email: "root@elsewhere.org" } });
    const demote = await admin.json(`/api/admin/users/${me.id}`, { role: "member" }, { method: "PATCH" });
    expect(demote.status).toBe(409);
    expect(await demote.json()).toMatchObject({ error: { code: "conflict:admin", detail: { reason: "last_admin" } } });
    expect((await admin.json(`/api/admin/users/${me.id}`, { status: "disabled" }, { method: "PATCH" })).status).toBe(400);
    // Two admins demoting each other at once: at most one succeeds.
    const pat = await database.db.user.findUniqueOrThrow({ where: { email: "pat@example.com" } });
    expect((await admin.json(`/api/admin/users/${pat.id}`, { role: "admin" }, { method: "PATCH" })).status).toBe(200);
    const patClient = await signedIn(app, "pat@example.com");
    const results = await Promise.all([
      admin.json(`/api/admin/users/${pat.id}`, { role: "member" }, { method: "PATCH" }),
      patClient.json(`/api/admin/users/${me.id}`, { role: "member" }, { method: "PATCH" }),
    ]);
    expect(results.filter((r) => r.status === 200).length).toBeLessThanOrEqual(1);
    expect(await database.db.user.count({ where: { role: "admin", status: "active" } })).toBeGreaterThanOrEqual(1);
    // Restore: root is admin, pat is a member.
    await database.db.user.update({ where: { id: me.id }, data: { role: "admin" } });
    await database.db.user.update({ where: { id: pat.id }, data: { role: "member" } });
  });

  it("disabling signs the user out everywhere at their next request; re-enabling needs a new sign-in", async () => {
    const pat = await database.db.user.findUniqueOrThrow({ where: { email: "pat@example.com" } });
    const laptop = await signedIn(app, "pat@example.com");
    const phone = await signedIn(app, "pat@example.com");
    expect((await laptop.fetch("/api/chats")).status).toBe(200);
    expect((await admin.json(`/api/admin/users/${pat.id}`, { status: "disabled" }, { method: "PATCH" })).status).toBe(200);
    expect((await laptop.fetch("/api/chats")).status).toBe(401);
    expect((await phone.fetch("/")).status).toBe(307);
    expect((await callAction(new HttpClient(app.url), "signInAction", "/sign-in", { email: "pat@example.com", password: PASSWORD })).text).toContain("account_disabled");
    expect((await admin.json(`/api/admin/users/${pat.id}`, { status: "active" }, { method: "PATCH" })).status).toBe(200);
    expect((await laptop.fetch("/api/chats")).status).toBe(401); // the old session stays ended
    await signedIn(app, "pat@example.com");
  });

  it("deletes a user after the email is confirmed, transferring their chats to another user", async () => {
    const ivy = await database.db.user.findUniqueOrThrow({ where: { email: "ivy@example.com" } });
    const pat = await database.db.user.findUniqueOrThrow({ where: { email: "pat@example.com" } });
    await database.db.chat.create({ data: { id: "ivy-chat-1", userId: ivy.id, title: "Ivy's notes", model: "deepseek-flash", importKey: "k1" } });
    await database.db.chat.create({ data: { id: "pat-chat-1", userId: pat.id, title: "Pat's", model: "deepseek-flash", importKey: "k1" } });
    const wrong = await admin.fetch(`/api/admin/users/${ivy.id}`, { method: "DELETE", headers: { "content-type": "application/json" }, body: JSON.stringify({ chats: "transfer", transferTo: pat.id, confirmEmail: "someone@example.com" }) });
    expect(wrong.status).toBe(400);
    const ok = await admin.fetch(`/api/admin/users/${ivy.id}`, { method: "DELETE", headers: { "content-type": "application/json" }, body: JSON.stringify({ chats: "transfer", transferTo: pat.id, confirmEmail: "ivy@example.com" }) });
    expect(ok.status).toBe(204);
    expect(await database.db.user.findUnique({ where: { id: ivy.id } })).toBeNull();
    expect((await database.db.chat.findUniqueOrThrow({ where: { id: "ivy-chat-1" } })).userId).toBe(pat.id);
    const list = (await (await admin.fetch("/api/admin/users?q=pat")).json()) as { users: Array<{ email: string; chats: number }> };
    expect(list.users).toHaveLength(1);
    expect(list.users[0]).toMatchObject({ email: "pat@example.com", chats: 2 });
  });

  it("changing the password signs out the other sessions and keeps this one", async () => {
    const here = await signedIn(app, "pat@example.com");
    const elsewhere = await signedIn(app, "pat@example.com");
    expect((await callAction(here, "changePasswordAction", "/settings", { currentPassword: "not-it", newPassword: "pat-new-password" })).text).toContain("wrong_password");
    const changed = await callAction(here, "changePasswordAction", "/settings", { currentPassword: PASSWORD, newPassword: "pat-new-password" });
    expect(changed.text).toContain('"ok":true');
    expect((await here.fetch("/api/chats")).status).toBe(200);
    expect((await elsewhere.fetch("/api/chats")).status).toBe(401);
    await signedIn(app, "pat@example.com", "pat-new-password");
  });

  it("issues single-use password reset links (hashed) that end every session", async () => {
    const pat = await database.db.user.findUniqueOrThrow({ where: { email: "pat@example.com" } });
    const session = await signedIn(app, "pat@example.com", "pat-new-password");
    const res = await admin.fetch(`/api/admin/users/${pat.id}/password-reset`, { method: "POST" });
    expect(res.status).toBe(201);
    const { url, emailed } = (await res.json()) as { url: string; emailed: boolean };
    expect(emailed).toBe(false);
    const token = url.split("/reset-password/")[1];
    expect(JSON.stringify(await database.db.passwordReset.findMany())).not.toContain(token);
    const visitor = new HttpClient(app.url);
    expect(await (await visitor.fetch(`/reset-password/${token}`)).text()).toContain("reset-form");
    const done = await callAction(visitor, "resetPasswordAction", `/reset-password/${token}`, { token, password: "pat-reset-password" });
    expect(done.redirect).toContain("/sign-in?reset=1");
    expect((await session.fetch("/api/chats")).status).toBe(401);
    await signedIn(app, "pat@example.com", "pat-reset-password");
    expect((await callAction(visitor, "resetPasswordAction", `/reset-password/${token}`, { token, password: "again-password" })).text).toContain("invalid_link");
  });

  it("records every admin action in the audit log, newest first, with paging", async () => {
    const body = (await (await admin.fetch("/api/admin/audit")).json()) as { entries: Array<{ action: string; actorEmail: string }>; total: number };
    const actions = body.entries.map((e) => e.action);
    for (const a of ["signup_policy.update", "user.approve", "invite.create", "invite.revoke", "user.role", "user.disable", "user.enable", "user.delete", "user.password_reset_link"]) {
      expect(actions, a).toContain(a);
    }
    expect(actions[0]).toBe("user.password_reset_link");
    expect(body.entries.every((e) => e.actorEmail)).toBe(true);
    await admin.json("/api/admin/usage-settings", { apiEnabled: true }, { method: "PUT" });
    const page = (await (await admin.fetch("/api/admin/audit?page=1")).json()) as { entries: Array<{ action: string }>; total: number };
    expect(page.entries[0].action).toBe("usage_settings.update");
    expect(page.total).toBe(body.total + 1);
    expect(((await (await admin.fetch("/api/admin/audit?page=2")).json()) as { entries: unknown[] }).entries).toEqual([]);
  });

  it("shows the DeepSeek connection without the key", async () => {
    const res = await admin.fetch("/api/admin/deepseek");
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).not.toContain(CANARY_API_KEY);
    const status = JSON.parse(text) as { keyConfigured: boolean; baseUrl: string; models: string[] };
    expect(status).toMatchObject({ keyConfigured: true, baseUrl: emulator.url });
    expect(status.models).toContain("deepseek-flash");
    const page = await (await admin.fetch("/admin")).text();
    expect(page).toContain("admin-console");
    expect(page).not.toContain(CANARY_API_KEY);
  });
});

