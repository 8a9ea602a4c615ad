import { hash } from "@node-rs/argon2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppServer } from "../support/app-server";
import { chatBody, lastChatRequest, newId } from "../support/chat-helpers";
import { freshDatabase, type TestDatabase } from "../support/db";
import { startEmulator } from "../support/deepseek-emulator/server";
import { HttpClient, readUiStream } from "../support/http-client";

const PASSWORD = "presets-password";
type Preset = {
  id: string;
  name: string;
  published: boolean;
  mine: boolean;
  canEdit: boolean;
  canPublish: boolean;
  settings: { model: string; thinking: boolean; reasoningEffort: string | null; systemPrompt: string; temperature: number | null; maxOutputTokens: number | null };
};
const settings = { model: "deepseek-flash", thinking: false, reasoningEffort: null, systemPrompt: "You are a patient Rust tutor. QUOKKA", temperature: 0.2, maxOutputTokens: 300 };
const code = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

describe.each(["sqlite", "postgresql"] as const)("presets on %s", (provider) => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let database: TestDatabase;
  let app: AppServer;
  let alice: HttpClient;
  let bob: HttpClient;
  let admin: HttpClient;
  let anon: HttpClient;

  const send = (client: HttpClient, method: string, path: string, body?: unknown) =>
    client.fetch(path, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  const list = async (client: HttpClient) => ((await (await client.fetch("/api/presets")).json()) as { presets: Preset[] }).presets;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tokenDelayMs: 0 });
    database = await freshDatabase(provider);
    const passwordHash = await hash(PASSWORD);
    await database.db.user.create({ data: { email: "alice@example.com", name: "Alice", passwordHash } });
    await database.db.user.create({ data: { email: "bob@example.com", passwordHash } });
    await database.db.user.create({ data: { email: "root@example.com", passwordHash, role: "admin" } });
    app = await startApp({ databaseUrl: database.url, deepseekBaseUrl: emulator.url });
    [alice, bob, admin, anon] = [0, 1, 2, 3].map(() => new HttpClient(app.url));
    expect(await alice.signIn("alice@example.com", PASSWORD)).toBe(true);
    expect(await bob.signIn("bob@example.com", PASSWORD)).toBe(true);
    expect(await admin.signIn("root@example.com", PASSWORD)).toBe(true);
  });
  afterAll(async () => {
    await app?.stop();
    await emulator?.close();
    await database?.cleanup();
  });

  it("create, read, edit and delete your own; someone else's private preset is a 404 for everyone", async () => {
    const created = await send(alice, "POST", "/api/presets", { name: "Rust tutor", settings });
    expect(created.status).toBe(201);
    const preset = (await created.json()) as Preset;
    expect(preset).toMatchObject({ name: "Rust tutor", published: false, mine: true, canEdit: true, canPublish: true, settings });
    expect((await list(alice)).map((p) => p.id)).toContain(preset.id);
    expect((await list(bob)).map((p) => p.id)).not.toContain(preset.id);
    expect((await list(admin)).map((p) => p.id)).not.toContain(preset.id);

    for (const client of [bob, admin]) {
      const read = await client.fetch(`/api/presets/${preset.id}`);
      expect(read.status).toBe(404);
      expect(await code(read)).toBe("not_found:preset");
      expect((await send(client, "PATCH", `/api/presets/${preset.id}`, { name: "mine now" })).status).toBe(404);
      expect((await send(client, "PUT", `/api/presets/${preset.id}/publish`, { published: true })).status).toBe(404);
      expect((await send(client, "DELETE", `/api/presets/${preset.id}`)).status).toBe(404);
    }
    expect((await anon.fetch("/api/presets")).status).toBe(401);
    expect((await anon.fetch(`/api/presets/${preset.id}`)).status).toBe(401);

    const edited = await send(alice, "PATCH", `/api/presets/${preset.id}`, { name: "Rust mentor", settings: { temperature: 0.9 } });
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({ name: "Rust mentor", settings: { ...settings, temperature: 0.9 } });

    expect((await send(alice, "POST", "/api/presets", { name: "", settings })).status).toBe(400);
    expect((await send(alice, "POST", "/api/presets", { name: "hot", settings: { ...settings, temperature: 5 } })).status).toBe(400);
    expect((await send(alice, "POST", "/api/presets", { name: "x", settings, published: true })).status).toBe(400);
    expect((await send(alice, "PATCH", `/api/presets/${preset.id}`, { userId: "someone" })).status).toBe(400);

    expect((await send(alice, "DELETE", `/api/presets/${preset.id}`)).status).toBe(204);
    expect((await alice.fetch(`/api/presets/${preset.id}`)).status).toBe(404);
  });

  it("publishing: the owner publishes to the team; others read it but cannot change it; an admin can take it back", async () => {
    const preset = (await (await send(alice, "POST", "/api/presets", { name: "Team writer", settings })).json()) as Preset;
    const published = await send(alice, "PUT", `/api/presets/${preset.id}/publish`, { published: true });
    expect(published.status).toBe(200);
    expect(await published.json()).toMatchObject({ published: true });

    const seen = (await list(bob)).find((p) => p.id === preset.id);
    expect(seen).toMatchObject({ published: true, mine: false, canEdit: false, canPublish: false });
    expect((await bob.fetch(`/api/presets/${preset.id}`)).status).toBe(200);
    for (const res of [
      await send(bob, "PATCH", `/api/presets/${preset.id}`, { name: "hijacked" }),
      await send(bob, "PUT", `/api/presets/${preset.id}/publish`, { published: false }),
      await send(bob, "DELETE", `/api/presets/${preset.id}`),
      await send(admin, "PATCH", `/api/presets/${preset.id}`, { name: "edited by admin" }),
    ]) {
      expect(res.status).toBe(403);
      expect(await code(res)).toBe("forbidden:preset");
    }
    expect((await list(admin)).find((p) => p.id === preset.id)).toMatchObject({ canEdit: false, canPublish: true });

    const taken = await send(admin, "PUT", `/api/presets/${preset.id}/publish`, { published: false });
    expect(taken.status).toBe(200);
    expect((await list(bob)).map((p) => p.id)).not.toContain(preset.id);
    expect((await bob.fetch(`/api/presets/${preset.id}`)).status).toBe(404);
    expect((await list(alice)).find((p) => p.id === preset.id)).toMatchObject({ published: false });

    // An admin may also remove a published preset (moderation), but not a private one.
    await send(alice, "PUT", `/api/presets/${preset.id}/publish`, { published: true });
    expect((await send(admin, "DELETE", `/api/presets/${preset.id}`)).status).toBe(204);
    expect(await database.db.preset.count({ where: { id: preset.id } })).toBe(0);
  });

  it("starting a chat from a preset copies its settings; the new-chat page only offers presets the user can see", async () => {
    const own = (await (await send(alice, "POST", "/api/presets", { name: "Quokka", settings })).json()) as Preset;
    const page = await alice.fetch(`/?preset=${own.id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("QUOKKA"); // the preset's system prompt travels with the new chat
    expect(html).toContain('data-testid="preset-picker"');

    // bob cannot start from alice's private preset: the page ignores the id.
    const bobPage = await bob.fetch(`/?preset=${own.id}`);
    expect(bobPage.status).toBe(200);
    expect(await bobPage.text()).not.toContain("QUOKKA");

    // The chat page sends the preset's settings with the first message; the chat keeps them.
    const id = newId("c");
    const { model, thinking, reasoningEffort, ...extra } = own.settings;
    await readUiStream(await alice.json("/api/chat", { ...chatBody(id, "teach me lifetimes", { model, thinking, reasoningEffort }), extra }));
    const sent = lastChatRequest(emulator).body as { messages: Array<{ role: string; content: string }>; temperature?: number; max_tokens?: number };
    expect(sent.messages[0]).toEqual({ role: "system", content: settings.systemPrompt });
    expect(sent.temperature).toBe(0.2);
    expect(sent.max_tokens).toBe(300);
    const chat = (await (await alice.fetch(`/api/chats/${id}`)).json()) as { chat: { settings: unknown } };
    expect(chat.chat.settings).toEqual(extra);
  });
});
