import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { hash } from "@node-rs/argon2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppServer } from "../support/app-server";
import { ACTORS, AUTHZ_TABLE, type Actor, type Expectation, type Fixture, type Resource, type RouteCase } from "../support/authz-table";
import { freshDatabase, type TestDatabase } from "../support/db";
import { startEmulator } from "../support/deepseek-emulator/server";
import { HttpClient } from "../support/http-client";
import { serverActionId } from "../support/server-actions";

// Generated from tests/support/authz-table.ts: one test per (route, method, resource) that checks
// every actor. The first test fails when the app has a route, method, page or server action the
// table does not list, so a new one cannot be added without deciding who may call it.

const root = path.resolve(import.meta.dirname, "../..");
const PASSWORD = "matrix-password-123";
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full) : [path.relative(root, full)];
  });
}

/** Every route method, page and server action in the app. */
function enumerateTargets(): string[] {
  const files = walk(path.join(root, "app"));
  const out: string[] = [];
  for (const file of files) {
    const src = fs.readFileSync(path.join(root, file), "utf8");
    if (file.endsWith("/route.ts")) {
      const found = new Set<string>();
      for (const m of METHODS) {
        if (new RegExp(`export\\s+(const|async function|function)\\s+${m}\\b`).test(src)) found.add(m);
        const destructured = /export\s+const\s*\{([^}]*)\}/.exec(src)?.[1] ?? "";
        if (new RegExp(`\\b${m}\\b`).test(destructured)) found.add(m);
      }
      if (found.size === 0) throw new Error(`${file}: no exported HTTP method found`);
      for (const m of found) out.push(`${m} ${file}`);
    } else if (file.endsWith("/page.tsx")) {
      out.push(`GET ${file}`);
    }
    if (/^\s*["']use server["']/.test(src)) {
      for (const m of src.matchAll(/export\s+async\s+function\s+(\w+)/g)) out.push(`POST action:${m[1]}`);
    }
  }
  return out.sort();
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
let seq = 0;
const uid = (p: string) => `${p}${Date.now().toString(36)}${(seq++).toString(36)}${randomBytes(3).toString("hex")}`;

describe("authorization matrix (production build, SQLite)", () => {
  let database: TestDatabase;
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let app: AppServer;
  const clients = {} as Record<Actor, HttpClient>;
  const userIds = {} as Record<Exclude<Actor, "anonymous">, string>;
  const apiTokens = {} as Record<Actor, string | null>;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tokenDelayMs: 0 });
    database = await freshDatabase("sqlite");
    const passwordHash = await hash(PASSWORD);
    for (const actor of ["admin", "member", "otherMember", "disabled"] as const) {
      const user = await database.db.user.create({ data: { email: `${actor.toLowerCase()}@example.com`, passwordHash, role: actor === "admin" ? "admin" : "member" } });
      userIds[actor] = user.id;
      const token = `shoal-${randomBytes(30).toString("base64url").replace(/[-_]/g, "a").slice(0, 40)}`;
      await database.db.apiToken.create({ data: { userId: user.id, name: "matrix", tokenHash: sha256(token), prefix: token.slice(0, 12) } });
      apiTokens[actor] = token;
    }
    apiTokens.anonymous = null;
    app = await startApp({ databaseUrl: database.url, deepseekBaseUrl: emulator.url, extraEnv: { RATE_LIMIT_PER_MINUTE: "0", MAX_STREAMS_PER_USER: "0" } });
    for (const actor of ACTORS) {
      clients[actor] = new HttpClient(app.url);
      if (actor !== "anonymous") expect(await clients[actor].signIn(`${actor.toLowerCase()}@example.com`, PASSWORD), actor).toBe(true);
    }
    // Disabled after signing in: the session cookie is still sent and must be refused.
    await database.db.user.update({ where: { id: userIds.disabled }, data: { status: "disabled", sessionVersion: { increment: 1 } } });
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    await emulator?.close();
    await database?.cleanup();
  });

  function ownerOf(actor: Actor, resource: Resource): string {
    const self = actor === "anonymous" ? "member" : actor;
    if (resource === "own") return userIds[self];
    return self === "member" ? userIds.otherMember : userIds.member;
  }

  async function fixture(owner: string): Promise<Fixture> {
    const db = database.db;
    const chatId = uid("c");
    await db.chat.create({ data: { id: chatId, userId: owner, title: "matrix", model: "deepseek-flash" } });
    const messageId = uid("m");
    await db.message.create({ data: { id: messageId, chatId, role: "user", parts: [{ type: "text", text: "matrix" }], searchText: "matrix" } });
    await db.message.create({ data: { id: uid("a"), chatId, parentId: messageId, role: "assistant", parts: [{ type: "text", text: "ok" }], searchText: "ok" } });
    const tokenId = (await db.apiToken.create({ data: { userId: owner, name: "fixture", tokenHash: sha256(uid("t")), prefix: "shoal-fixtur" } })).id;
    const victimEmail = `${uid("victim")}@example.com`;
    const victimId = (await db.user.create({ data: { email: victimEmail, passwordHash: "x" } })).id;
    const inviteId = (await db.invitation.create({ data: { tokenHash: sha256(uid("i")), expiresAt: new Date(Date.now() + 86_400_000) } })).id;
    const shared = async (visibility: "team" | "public") => {
      const id = uid("s");
      await db.chat.create({ data: { id, userId: owner, title: `shared ${visibility}`, model: "deepseek-flash" } });
      await db.message.create({ data: { id: uid("m"), chatId: id, role: "user", parts: [{ type: "text", text: "shared" }], searchText: "shared" } });
      const token = randomBytes(16).toString("base64url");
      await db.chatShare.create({ data: { chatId: id, token, visibility, createdById: owner } });
      return { id, token };
    };
    const deletedChatId = uid("d");
    await db.chat.create({ data: { id: deletedChatId, userId: owner, title: "deleted", model: "deepseek-flash", deletedAt: new Date() } });
    const team = await shared("team");
    const pub = await shared("public");
    const revoked = await shared("team");
    await db.chatShare.delete({ where: { chatId: revoked.id } });
    const preset = (published: boolean) =>
      db.preset.create({ data: { userId: owner, name: "fixture", settings: { model: "deepseek-flash", thinking: false, reasoningEffort: null, systemPrompt: "", temperature: null, maxOutputTokens: null }, published, publishedAt: published ? new Date() : null } });
    return {
      chatId,
      messageId,
      tokenId,
      victimId,
      victimEmail,
      inviteId,
      newChatId: uid("n"),
      teamToken: team.token,
      sharedChatId: team.id,
      deletedChatId,
      publicToken: pub.token,
      revokedToken: revoked.token,
      presetId: (await preset(false)).id,
      publishedPresetId: (await preset(true)).id,
    };
  }

  async function call(c: RouteCase, actor: Actor, f: Fixture): Promise<{ status: number; text: string }> {
    const client = clients[actor];
    const url = c.path(f);
    if (c.target.startsWith("action:")) {
      const form = new FormData();
      // React's encoding of (prevState, formData): the form's fields become "_1_<name>".
      for (const [k, v] of Object.entries((c.body?.(f) ?? {}) as Record<string, string>)) form.set(`_1_${k}`, v);
      form.set("0", JSON.stringify(c.formOnly ? ["$K1"] : [{}, "$K1"]));
      // The actor's cookies are sent but not updated: signing out here must not sign the actor out
      // for the cases that follow.
      const res = await fetch(new URL(url, app.url), {
        method: "POST",
        headers: { cookie: client.cookieHeader(), "next-action": serverActionId(c.target.slice(7)), origin: app.url, accept: "text/x-component" },
        body: form,
        redirect: "manual",
      });
      return { status: res.status, text: `${res.headers.get("x-action-redirect") ?? ""} ${await res.text()}` };
    }
    const headers: Record<string, string> = { origin: app.url };
    if (c.bearer) {
      const token = apiTokens[actor];
      if (token) headers.authorization = `Bearer ${token}`;
    }
    let body: BodyInit | undefined;
    if (c.rawBody) body = c.rawBody();
    else if (c.body) {
      body = JSON.stringify(c.body(f));
      headers["content-type"] = "application/json";
    }
    const res = c.bearer
      ? await fetch(new URL(url, app.url), { method: c.method, headers, body, redirect: "manual" })
      : await client.fetch(url, { method: c.method, headers, body });
    return { status: res.status, text: await res.text() };
  }

  it("lists every route method, page and server action of the app (and nothing that is gone)", () => {
    const inApp = enumerateTargets();
    const inTable = [...new Set(AUTHZ_TABLE.map((c) => `${c.method} ${c.target}`))].sort();
    expect(inApp.filter((t) => !inTable.includes(t)), "missing from tests/support/authz-table.ts").toEqual([]);
    expect(inTable.filter((t) => !inApp.includes(t)), "in the table but not in the app").toEqual([]);
  });

  const cases = AUTHZ_TABLE.flatMap((c) =>
    "own" in c.expect ? (["own", "other"] as const).map((r) => ({ c, resource: r as Resource | null })) : [{ c, resource: null as Resource | null }],
  );

  it.each(cases.map((x) => [`${x.c.method} ${x.c.target}${x.c.label ? ` [${x.c.label}]` : ""}${x.resource ? ` (${x.resource})` : ""}`, x] as const))("%s", async (_name, { c, resource }) => {
    const failures: string[] = [];
    for (const actor of ACTORS) {
      const expected: Expectation = resource ? (c.expect as Record<Resource, Record<Actor, Expectation>>)[resource][actor] : (c.expect as Record<Actor, Expectation>)[actor];
      const f = await fixture(ownerOf(actor, resource ?? "own"));
      const got = await call(c, actor, f);
      const want = typeof expected === "number" ? { status: expected } : expected;
      if (got.status !== want.status || (want.contains && !got.text.includes(want.contains))) {
        failures.push(`${actor}: expected ${want.status}${want.contains ? ` containing ${want.contains}` : ""}, got ${got.status} ${got.text.slice(0, 400).replace(/\s+/g, " ")}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
