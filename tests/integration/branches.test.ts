import { hash } from "@node-rs/argon2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppServer } from "../support/app-server";
import { chatBody, lastChatRequest, getMessages, newId, storedText, type StoredMessage } from "../support/chat-helpers";
import { freshDatabase, type TestDatabase } from "../support/db";
import { startEmulator } from "../support/deepseek-emulator/server";
import { HttpClient, readUiStream } from "../support/http-client";

const PASSWORD = "branch-password";
const settings = { model: "deepseek-flash", thinking: false };
const branchOf = (m: StoredMessage) => m.metadata.branch as { index: number; count: number; siblingIds: string[] };

describe.each(["sqlite", "postgresql"] as const)("regenerate, edit and paging on %s", (provider) => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let database: TestDatabase;
  let app: AppServer;
  let alice: HttpClient;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tokenDelayMs: 0 });
    database = await freshDatabase(provider);
    await database.db.user.create({ data: { email: "a@example.com", passwordHash: await hash(PASSWORD) } });
    await database.db.user.create({ data: { email: "b@example.com", passwordHash: await hash(PASSWORD) } });
    app = await startApp({ databaseUrl: database.url, deepseekBaseUrl: emulator.url });
    alice = new HttpClient(app.url);
    expect(await alice.signIn("a@example.com", PASSWORD)).toBe(true);
  });
  afterAll(async () => {
    await app?.stop();
    await emulator?.close();
    await database?.cleanup();
  });

  it("keeps every version as a sibling and sends DeepSeek only the visible branch", async () => {
    const id = newId("c");
    await readUiStream(await alice.json("/api/chat", chatBody(id, "first question", settings)));
    let thread = await getMessages(alice, id);
    const [q1, a1] = thread;
    await readUiStream(await alice.json("/api/chat", { ...chatBody(id, "second question", settings), parentId: a1.id }));

    // Regenerate the first answer: a sibling of a1, and the later turn is no longer visible.
    const regen = await alice.json("/api/chat", { trigger: "regenerate-message", id, regenerateId: q1.id, ...settings });
    await readUiStream(regen);
    expect((lastChatRequest(emulator).body as { messages: unknown[] }).messages).toHaveLength(1);
    thread = await getMessages(alice, id);
    expect(thread.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(branchOf(thread[1])).toMatchObject({ index: 1, count: 2 });
    expect(branchOf(thread[1]).siblingIds[0]).toBe(a1.id);

    // Page back to version 1: its later turn comes back.
    const back = await alice.json(`/api/chats/${id}/branch`, { messageId: a1.id });
    expect(back.status).toBe(200);
    const restored = ((await back.json()) as { messages: StoredMessage[] }).messages;
    expect(restored.map((m) => storedText(m) || m.parts.map((p) => p.text).join(""))).toEqual([
      "first question",
      storedText(a1),
      "second question",
      expect.stringContaining("second question"),
    ]);
    expect((await getMessages(alice, id)).length).toBe(4); // the choice is stored

    // Edit the second question: a sibling user message; DeepSeek sees q1, a1, edited question.
    await readUiStream(await alice.json("/api/chat", { ...chatBody(id, "second question, edited", settings), parentId: a1.id }));
    const sent = (lastChatRequest(emulator).body as { messages: Array<{ role: string; content: string }> }).messages;
    expect(sent.map((m) => m.content)).toEqual(["first question", storedText(a1), "second question, edited"]);
    thread = await getMessages(alice, id);
    expect(thread[2].parts[0]).toMatchObject({ text: "second question, edited" });
    expect(branchOf(thread[2])).toMatchObject({ index: 1, count: 2 });
  });

  it("rejects a parent from another chat, regenerating an answer id, and paging someone else's chat", async () => {
    const mine = newId("c");
    await readUiStream(await alice.json("/api/chat", chatBody(mine, "hello", settings)));
    const [question, answer] = await getMessages(alice, mine);

    const other = newId("c");
    const foreignParent = await alice.json("/api/chat", { ...chatBody(other, "x", settings), parentId: answer.id });
    expect(foreignParent.status).toBe(400);
    expect(await foreignParent.json()).toMatchObject({ error: { code: "bad_request:chat" } });

    const wrongTarget = await alice.json("/api/chat", { trigger: "regenerate-message", id: mine, regenerateId: answer.id, ...settings });
    expect(wrongTarget.status).toBe(400);

    const bob = new HttpClient(app.url);
    await bob.signIn("b@example.com", PASSWORD);
    expect((await bob.json(`/api/chats/${mine}/branch`, { messageId: question.id })).status).toBe(404);
    expect((await bob.json("/api/chat", { trigger: "regenerate-message", id: mine, regenerateId: question.id, ...settings })).status).toBe(404);
  });
});
