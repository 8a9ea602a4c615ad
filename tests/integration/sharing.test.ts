import { hash } from "@node-rs/argon2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppServer } from "../support/app-server";
import { chatBody, getMessages, lastChatRequest, newId, storedText } from "../support/chat-helpers";
import { freshDatabase, type TestDatabase } from "../support/db";
import { startEmulator } from "../support/deepseek-emulator/server";
import { HttpClient, readUiStream } from "../support/http-client";

const PASSWORD = "sharing-password";
const SECRET_PROMPT = "You are the secret persona XYZZY.";
type ShareState = { visibility: string; token: string | null; includeSystemPrompt: boolean; createdAt: string | null; publicEnabled: boolean };
type View = { title: string; visibility: string; sharedBy: string | null; sharedAt: string; systemPrompt: string | null; messages: Array<{ role: string; parts: Array<{ type: string; text?: string }> }> };

const code = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

describe.each(["sqlite", "postgresql"] as const)("sharing on %s", (provider) => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let database: TestDatabase;
  let app: AppServer;
  let alice: HttpClient; // owner
  let bob: HttpClient; // another member
  let admin: HttpClient;
  let anon: HttpClient;

  const share = (client: HttpClient, chatId: string, body: Record<string, unknown>) =>
    client.fetch(`/api/chats/${chatId}/share`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const shareOk = async (chatId: string, body: Record<string, unknown>): Promise<ShareState> => {
    const res = await share(alice, chatId, body);
    expect(res.status).toBe(200);
    return (await res.json()) as ShareState;
  };
  /** A chat of alice's with one exchange, created with a private system prompt. */
  const aliceChat = async (text: string) => {
    const id = newId("c");
    await readUiStream(await alice.json("/api/chat", { ...chatBody(id, text, { thinking: true }), extra: { systemPrompt: SECRET_PROMPT, temperature: 0.3 } }));
    return id;
  };
  const setPublic = async (client: HttpClient, publicEnabled: boolean) =>
    client.fetch("/api/admin/sharing", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ publicEnabled }) });

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tokenDelayMs: 0 });
    database = await freshDatabase(provider);
    const passwordHash = await hash(PASSWORD);
    await database.db.user.create({ data: { email: "alice@example.com", passwordHash } });
    await database.db.user.create({ data: { email: "bob@example.com", name: "Bob", passwordHash } });
    await database.db.user.create({ data: { email: "root@example.com", passwordHash, role: "admin" } });
    app = await startApp({ databaseUrl: database.url, deepseekBaseUrl: emulator.url });
    alice = new HttpClient(app.url);
    bob = new HttpClient(app.url);
    admin = new HttpClient(app.url);
    anon = new HttpClient(app.url);
    expect(await alice.signIn("alice@example.com", PASSWORD)).toBe(true);
    expect(await bob.signIn("bob@example.com", PASSWORD)).toBe(true);
    expect(await admin.signIn("root@example.com", PASSWORD)).toBe(true);
  });
  afterAll(async () => {
    await app?.stop();
    await emulator?.close();
    await database?.cleanup();
  });

  it("a chat is private by default; a team link is readable by members, and sends anonymous visitors to sign in", async () => {
    const id = await aliceChat("team question about tides");
    const initial = (await (await alice.fetch(`/api/chats/${id}/share`)).json()) as ShareState;
    expect(initial).toMatchObject({ visibility: "private", token: null, publicEnabled: true });

    const state = await shareOk(id, { visibility: "team" });
    expect(state.visibility).toBe("team");
    expect(state.token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Date.parse(state.createdAt!)).toBeGreaterThan(Date.now() - 60_000);

    const res = await bob.fetch(`/api/shares/${state.token}`);
    expect(res.status).toBe(200);
    const view = (await res.json()) as View;
    expect(view.title).toBeTruthy();
    expect(view.visibility).toBe("team");
    expect(view.sharedBy).toBe("alice@example.com"); // no name: members see the email
    expect(view.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(view.messages[0].parts[0].text).toBe("team question about tides");
    expect(view.messages[1].parts.some((p) => p.type === "reasoning")).toBe(true);
    expect(view.systemPrompt).toBeNull();
    expect(JSON.stringify(view)).not.toContain("XYZZY");
    expect(JSON.stringify(view)).not.toContain("inputCacheHitTokens");

    const page = await bob.fetch(`/s/${state.token}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("team question about tides");
    expect(html).toContain('data-testid="fork-button"');
    expect(html).not.toContain("XYZZY");
    expect(page.headers.get("content-security-policy")).toContain("nonce-");

    expect(await code(await anon.fetch(`/api/shares/${state.token}`))).toBe("unauthorized:auth");
    const anonPage = await anon.fetch(`/s/${state.token}`);
    expect([303, 307]).toContain(anonPage.status);
    expect(anonPage.headers.get("location")).toContain(`/sign-in?next=${encodeURIComponent(`/s/${state.token}`)}`);

    // Signing in from there comes back to the link (and never to another site).
    const signInPage = await anon.fetch(`/sign-in?next=${encodeURIComponent(`/s/${state.token}`)}`);
    expect(await signInPage.text()).toContain(`value="/s/${state.token}"`);
    const evil = await anon.fetch(`/sign-in?next=${encodeURIComponent("//evil.example/x")}`);
    expect(await evil.text()).not.toContain('name="next"');
  });

  it("a public link opens signed out, without the owner's email or system prompt unless included", async () => {
    const id = await aliceChat("public question about kelp");
    const team = await shareOk(id, { visibility: "team" });
    const pub = await shareOk(id, { visibility: "public" });
    expect(pub.token).toBe(team.token); // changing visibility keeps the link

    const res = await anon.fetch(`/api/shares/${pub.token}`);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).not.toContain("alice@example.com");
    expect((JSON.parse(body) as View).sharedBy).toBeNull();
    const page = await anon.fetch(`/s/${pub.token}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("public question about kelp");
    expect(html).toContain("a team member");
    expect(html).not.toContain("alice@example.com");
    expect(html).not.toContain("XYZZY");
    expect(html).toContain('data-testid="fork-sign-in"');
    expect(html).toMatch(/<meta name="robots" content="noindex, nofollow"/);
    expect(html).toMatch(/<meta name="referrer" content="no-referrer"/);

    await shareOk(id, { visibility: "public", includeSystemPrompt: true });
    const withPrompt = (await (await anon.fetch(`/api/shares/${pub.token}`)).json()) as View;
    expect(withPrompt.systemPrompt).toBe(SECRET_PROMPT);
    expect(await (await anon.fetch(`/s/${pub.token}`)).text()).toContain("XYZZY");
  });

  it("only the owner sees or changes a chat's sharing (others get 404)", async () => {
    const id = await aliceChat("mine alone");
    const { token } = await shareOk(id, { visibility: "team" });
    for (const client of [bob, admin]) {
      expect((await client.fetch(`/api/chats/${id}/share`)).status).toBe(404);
      const put = await share(client, id, { visibility: "public" });
      expect(put.status).toBe(404);
      expect(await code(put)).toBe("not_found:chat");
      expect((await client.fetch(`/api/chats/${id}/share`, { method: "DELETE" })).status).toBe(404);
      expect((await client.fetch(`/api/chats/${id}/share/regenerate`, { method: "POST" })).status).toBe(404);
    }
    expect((await anon.fetch(`/api/chats/${id}/share`)).status).toBe(401);
    const crossSite = await alice.fetch(`/api/chats/${id}/share`, { method: "DELETE", headers: { origin: "https://evil.example" } });
    expect(crossSite.status).toBe(403);
    expect((await share(alice, id, { visibility: "everyone" })).status).toBe(400);
    // Still the same team link after all that.
    expect(((await (await alice.fetch(`/api/chats/${id}/share`)).json()) as ShareState).token).toBe(token);
  });

  it("revoking, regenerating and deleting the chat make links 404 at once", async () => {
    const id = await aliceChat("short-lived");
    const first = await shareOk(id, { visibility: "public" });
    expect((await anon.fetch(`/api/shares/${first.token}`)).status).toBe(200);

    const regen = await alice.fetch(`/api/chats/${id}/share/regenerate`, { method: "POST" });
    expect(regen.status).toBe(200);
    const second = (await regen.json()) as ShareState;
    expect(second.token).not.toBe(first.token);
    expect(second.visibility).toBe("public");
    expect(await code(await anon.fetch(`/api/shares/${first.token}`))).toBe("not_found:share");
    expect((await anon.fetch(`/s/${first.token}`)).status).toBe(404);
    expect((await anon.fetch(`/api/shares/${second.token}`)).status).toBe(200);

    expect((await alice.fetch(`/api/chats/${id}/share`, { method: "DELETE" })).status).toBe(204);
    expect((await anon.fetch(`/api/shares/${second.token}`)).status).toBe(404);
    expect((await bob.fetch(`/s/${second.token}`)).status).toBe(404);
    expect((await alice.fetch(`/api/chats/${id}/share/regenerate`, { method: "POST" })).status).toBe(404);

    const third = await shareOk(id, { visibility: "team" });
    expect(third.token).not.toBe(second.token);
    expect((await bob.fetch(`/api/shares/${third.token}`)).status).toBe(200);
    expect((await alice.fetch(`/api/chats/${id}`, { method: "DELETE" })).status).toBe(204);
    expect((await bob.fetch(`/api/shares/${third.token}`)).status).toBe(404);
    expect((await bob.fetch(`/s/${third.token}`)).status).toBe(404);
    // Undo (within the window) brings the chat back as it was, its link included.
    expect((await alice.fetch(`/api/chats/${id}/restore`, { method: "POST" })).status).toBe(200);
    expect((await bob.fetch(`/api/shares/${third.token}`)).status).toBe(200);
    // Purged for good: the share row goes with the chat.
    await database.db.chat.delete({ where: { id } });
    expect(await database.db.chatShare.count({ where: { chatId: id } })).toBe(0);
    expect((await bob.fetch(`/api/shares/${third.token}`)).status).toBe(404);

    expect((await anon.fetch("/api/shares/not-a-token")).status).toBe(404);
    expect((await anon.fetch("/s/AAAAAAAAAAAAAAAAAAAAAA")).status).toBe(404);
  });

  it("the admin switch hides public links (404) without deleting them, and brings them back", async () => {
    const pubChat = await aliceChat("public while allowed");
    const teamChat = await aliceChat("team all along");
    const pub = await shareOk(pubChat, { visibility: "public" });
    const team = await shareOk(teamChat, { visibility: "team" });

    const denied = await setPublic(bob, false);
    expect(denied.status).toBe(403);
    expect(await code(denied)).toBe("forbidden:auth");
    expect((await setPublic(anon, false)).status).toBe(401);

    try {
      const off = await setPublic(admin, false);
      expect(off.status).toBe(200);
      expect(await off.json()).toEqual({ publicEnabled: false });
      expect(await (await admin.fetch("/api/admin/sharing")).json()).toEqual({ publicEnabled: false });

      expect((await anon.fetch(`/api/shares/${pub.token}`)).status).toBe(404);
      expect((await anon.fetch(`/s/${pub.token}`)).status).toBe(404);
      expect((await bob.fetch(`/api/shares/${pub.token}`)).status).toBe(404);
      expect((await bob.fetch(`/api/shares/${pub.token}/fork`, { method: "POST" })).status).toBe(404);
      expect((await bob.fetch(`/api/shares/${team.token}`)).status).toBe(200);

      const refused = await share(alice, teamChat, { visibility: "public" });
      expect(refused.status).toBe(403);
      expect(await code(refused)).toBe("forbidden:share");
      const state = (await (await alice.fetch(`/api/chats/${pubChat}/share`)).json()) as ShareState;
      expect(state).toMatchObject({ visibility: "public", token: pub.token, publicEnabled: false });
    } finally {
      expect((await setPublic(admin, true)).status).toBe(200);
    }
    expect((await anon.fetch(`/api/shares/${pub.token}`)).status).toBe(200);
  });

  it("a disabled viewer cannot read team links, and a disabled sharer's links go dark until re-enabled", async () => {
    const passwordHash = await hash(PASSWORD);
    const carolRow = await database.db.user.create({ data: { email: "carol@example.com", passwordHash } });
    const daveRow = await database.db.user.create({ data: { email: "dave@example.com", name: "Dave", passwordHash } });
    const carol = new HttpClient(app.url);
    const dave = new HttpClient(app.url);
    expect(await carol.signIn("carol@example.com", PASSWORD)).toBe(true);
    expect(await dave.signIn("dave@example.com", PASSWORD)).toBe(true);

    const id = newId("c");
    await readUiStream(await dave.json("/api/chat", chatBody(id, "dave's notes", { thinking: false })));
    const put = await share(dave, id, { visibility: "team" });
    const { token } = (await put.json()) as ShareState;
    expect((await carol.fetch(`/api/shares/${token}`)).status).toBe(200);

    await database.db.user.update({ where: { id: carolRow.id }, data: { status: "disabled" } });
    expect((await carol.fetch(`/api/shares/${token}`)).status).toBe(401);
    expect((await carol.fetch(`/api/shares/${token}/fork`, { method: "POST" })).status).toBe(401);

    await database.db.user.update({ where: { id: daveRow.id }, data: { status: "disabled" } });
    expect((await bob.fetch(`/api/shares/${token}`)).status).toBe(404);
    await database.db.user.update({ where: { id: daveRow.id }, data: { status: "active" } });
    const back = await bob.fetch(`/api/shares/${token}`);
    expect(back.status).toBe(200);
    expect(((await back.json()) as View).sharedBy).toBe("Dave");
  });

  it("Continue in my chats: the viewer gets their own copy of the visible branch, without the private system prompt", async () => {
    const id = await aliceChat("fork me please");
    const [, firstAnswer] = await getMessages(alice, id);
    await readUiStream(await alice.json("/api/chat", { ...chatBody(id, "second turn", { thinking: true }), parentId: firstAnswer.id }));
    // Regenerate the last answer: the visible branch is the newest version only.
    const thread = await getMessages(alice, id);
    await readUiStream(await alice.json("/api/chat", { trigger: "regenerate-message", id, regenerateId: thread[2].id, model: "deepseek-flash", thinking: true }));
    const original = await getMessages(alice, id);
    const { token } = await shareOk(id, { visibility: "team" });

    expect((await anon.fetch(`/api/shares/${token}/fork`, { method: "POST" })).status).toBe(401);
    const res = await bob.fetch(`/api/shares/${token}/fork`, { method: "POST" });
    expect(res.status).toBe(201);
    const { chatId } = (await res.json()) as { chatId: string };
    expect(chatId).not.toBe(id);
    expect(app.output()).toContain('"path":"/api/shares/[token]/fork"');
    expect(app.output()).not.toContain(token!);

    const forked = await bob.fetch(`/api/chats/${chatId}`);
    expect(forked.status).toBe(200);
    const body = (await forked.json()) as { chat: { title: string; model: string; thinking: boolean; settings: Record<string, unknown> }; messages: typeof original };
    expect(body.messages.map(storedText)).toEqual(original.map(storedText));
    expect(body.messages.map((m) => m.parts)).toEqual(original.map((m) => m.parts));
    expect(body.messages.every((m) => !original.some((o) => o.id === m.id))).toBe(true);
    expect(body.chat.settings).toMatchObject({ systemPrompt: "", temperature: 0.3 });
    expect(body.chat.thinking).toBe(true);
    const list = (await (await bob.fetch("/api/chats")).json()) as { chats: Array<{ id: string }> };
    expect(list.chats.map((c) => c.id)).toContain(chatId);

    // It is bob's now: alice cannot open it, and bob can continue it.
    expect((await alice.fetch(`/api/chats/${chatId}`)).status).toBe(404);
    await readUiStream(await bob.json("/api/chat", { ...chatBody(chatId, "bob continues", { thinking: false }), parentId: body.messages.at(-1)!.id }));
    const sent = lastChatRequest(emulator).body as { messages: Array<{ role: string; content: string }> };
    expect(sent.messages.map((m) => m.role)).toEqual(["user", "assistant", "user", "assistant", "user"]);
    expect(JSON.stringify(sent.messages)).not.toContain("XYZZY");
    expect((await getMessages(bob, chatId)).length).toBe(6);
    expect((await getMessages(alice, id)).length).toBe(4); // the original is untouched

    // With the system prompt included, the fork keeps it.
    await shareOk(id, { visibility: "team", includeSystemPrompt: true });
    const again = (await (await bob.fetch(`/api/shares/${token}/fork`, { method: "POST" })).json()) as { chatId: string };
    const copy = (await (await bob.fetch(`/api/chats/${again.chatId}`)).json()) as { chat: { settings: Record<string, unknown> } };
    expect(copy.chat.settings.systemPrompt).toBe(SECRET_PROMPT);
  });
});
