import { hash } from "@node-rs/argon2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppServer } from "../support/app-server";
import { getMessages, lastChatRequest, newId, storedText } from "../support/chat-helpers";
import { freshDatabase, type TestDatabase } from "../support/db";
import { startEmulator } from "../support/deepseek-emulator/server";
import { HttpClient, readUiStream } from "../support/http-client";

const PASSWORD = "attach-password";
const settings = { model: "deepseek-flash", thinking: false };
type Part = Record<string, unknown>;
const file = (name: string, text: string, mediaType = "text/plain"): Part => ({ type: "data-attachment", data: { name, mediaType, size: 0, text } });
const question = (chatId: string, parts: Part[], extra: Record<string, unknown> = {}) => ({
  id: chatId,
  message: { id: newId("m"), role: "user", parts },
  ...settings,
  ...extra,
});

describe.each(["sqlite", "postgresql"] as const)("attachments and Continue on %s", (provider) => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let database: TestDatabase;
  let app: AppServer;
  let alice: HttpClient;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tokenDelayMs: 0 });
    database = await freshDatabase(provider);
    await database.db.user.create({ data: { email: "a@example.com", passwordHash: await hash(PASSWORD) } });
    app = await startApp({ databaseUrl: database.url, deepseekBaseUrl: emulator.url });
    alice = new HttpClient(app.url);
    expect(await alice.signIn("a@example.com", PASSWORD)).toBe(true);
  });
  afterAll(async () => {
    await app?.stop();
    await emulator?.close();
    await database?.cleanup();
  });

  it("stores attachments with the question and sends them to DeepSeek as named file blocks", async () => {
    const id = newId("c");
    const res = await alice.json(
      "/api/chat",
      question(id, [{ type: "text", text: "Compare these two files" }, file("notes.md", "# 笔记\nalpha beta"), file("src/main.ts", 'export const x = "<tag>";\n', "video/mp2t")]),
    );
    expect(res.status).toBe(200);
    await readUiStream(res);

    const sent = (lastChatRequest(emulator).body as { messages: Array<{ role: string; content: string }> }).messages;
    expect(sent.at(-1)!.content).toBe(
      '<file name="notes.md">\n# 笔记\nalpha beta\n</file>\n\n<file name="src/main.ts">\nexport const x = "<tag>";\n</file>\n\nCompare these two files',
    );
    const [user, answer] = await getMessages(alice, id);
    // Stored as AI SDK data parts, files first, sizes computed by the server, MIME type normalised.
    expect(user.parts).toEqual([
      { type: "data-attachment", data: { name: "notes.md", mediaType: "text/plain", size: 19, text: "# 笔记\nalpha beta" } },
      { type: "data-attachment", data: { name: "src/main.ts", mediaType: "text/plain", size: 26, text: 'export const x = "<tag>";\n' } },
      { type: "text", text: "Compare these two files" },
    ]);
    expect(storedText(answer)).toContain("alpha beta");

    // An attachment alone (no text) is a valid question.
    const only = newId("c");
    const alone = await alice.json("/api/chat", question(only, [file("todo.txt", "buy milk")]));
    expect(alone.status).toBe(200);
    await readUiStream(alone);
    expect((await getMessages(alice, only))[0].parts).toEqual([{ type: "data-attachment", data: expect.objectContaining({ name: "todo.txt" }) }]);
  });

  it("refuses images, binary files and too many or too large files with stable codes, storing nothing", async () => {
    const cases: Array<[Part[], number, string, string]> = [
      [[file("cat.png", "PNG", "image/png")], 400, "bad_request:attachment", "image"],
      [[file("x.txt", "MZ\u0000\u0000")], 400, "bad_request:attachment", "binary"],
      [[file("report.pdf", "%PDF-1.7", "application/pdf")], 400, "bad_request:attachment", "unsupported"],
      [Array.from({ length: 11 }, (_, i) => file(`f${i}.txt`, "x")), 413, "payload_too_large:attachment", "too_many"],
      [[file("big.log", "a".repeat(256 * 1024 + 1))], 413, "payload_too_large:attachment", "too_large"],
      [[1, 2, 3, 4].map((i) => file(`q${i}.txt`, "b".repeat(200 * 1024))), 413, "payload_too_large:attachment", "total_too_large"],
    ];
    for (const [parts, status, code, reason] of cases) {
      const id = newId("c");
      const res = await alice.json("/api/chat", question(id, [...parts, { type: "text", text: "hi" }]));
      expect(res.status, reason).toBe(status);
      expect(await res.json()).toMatchObject({ error: { code, detail: { reason } } });
      expect(await database.db.chat.count({ where: { id } })).toBe(0);
    }
  });

  it("Continue extends the same answer through prefix completion at /beta, until it is complete", async () => {
    const id = newId("c");
    // Output capped at 3 tokens; the emulator's answer to [[long:8]] is word1 … word8.
    await readUiStream(await alice.json("/api/chat", question(id, [{ type: "text", text: "count [[long:8]]" }], { extra: { systemPrompt: "", temperature: null, maxOutputTokens: 3 } })));
    let [, answer] = await getMessages(alice, id);
    expect(storedText(answer)).toBe("word1 word2 word3");
    expect(answer.metadata).toMatchObject({ status: "complete", finishReason: "length" });
    const records = await database.db.usageRecord.count();

    const res = await alice.json("/api/chat", { trigger: "continue-message", id, continueId: answer.id, ...settings });
    expect(res.status).toBe(200);
    const chunks = await readUiStream(res);
    // The stream starts with the answer so far under the same message id, then the new tokens.
    expect(chunks[0]).toMatchObject({ type: "start", messageId: answer.id });
    expect(chunks.filter((c) => c.type === "text-delta").map((c) => c.delta).join("")).toBe("word1 word2 word3 word4 word5 word6");

    const sent = emulator.requests.at(-1)!;
    expect(sent.path).toBe("/beta/chat/completions");
    expect(sent.body.messages.at(-1)).toEqual({ role: "assistant", content: "word1 word2 word3", prefix: true, reasoning_content: "" });
    expect(sent.body.thinking).toEqual({ type: "disabled" });
    expect(sent.body.max_tokens).toBe(3);

    let thread = await getMessages(alice, id);
    expect(thread).toHaveLength(2);
    [, answer] = thread;
    expect(storedText(answer)).toBe("word1 word2 word3 word4 word5 word6");
    expect(answer.parts.filter((p) => p.type === "text")).toHaveLength(1);
    expect(answer.metadata).toMatchObject({ status: "complete", finishReason: "length", usage: { outputTokens: 6 } });
    expect(await database.db.usageRecord.count()).toBe(records + 1); // the continuation is metered

    await readUiStream(await alice.json("/api/chat", { trigger: "continue-message", id, continueId: answer.id, ...settings }));
    thread = await getMessages(alice, id);
    expect(thread.map((m) => m.id)).toEqual([thread[0].id, answer.id]);
    expect(storedText(thread[1])).toBe("word1 word2 word3 word4 word5 word6 word7 word8");
    expect(thread[1].metadata).toMatchObject({ status: "complete", finishReason: "stop", usage: { outputTokens: 8 } });

    // A complete answer (or a question) cannot be continued.
    const again = await alice.json("/api/chat", { trigger: "continue-message", id, continueId: answer.id, ...settings });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: { code: "bad_request:chat", detail: { reason: "cannot_continue" } } });
    const q = await alice.json("/api/chat", { trigger: "continue-message", id, continueId: thread[0].id, ...settings });
    expect(q.status).toBe(400);
  });

  it("a reload during a continuation resumes one message: the answer so far, then the new tokens", async () => {
    const id = newId("c");
    const extra = { extra: { systemPrompt: "", temperature: null, maxOutputTokens: 3 } };
    await readUiStream(await alice.json("/api/chat", question(id, [{ type: "text", text: "count [[long:6]] [[slow:150]]" }], extra)));
    const [, answer] = await getMessages(alice, id);
    const running = await alice.json("/api/chat", { trigger: "continue-message", id, continueId: answer.id, ...settings });
    expect(running.status).toBe(200);
    // While it streams, a second Continue is refused (the answer is generating).
    const twice = await alice.json("/api/chat", { trigger: "continue-message", id, continueId: answer.id, ...settings });
    expect(twice.status).toBe(400);
    const resumed = await alice.fetch(`/api/chat/${id}/stream`);
    expect(resumed.status).toBe(200);
    const chunks = await readUiStream(resumed);
    expect(chunks[0]).toMatchObject({ type: "start", messageId: answer.id });
    const deltas = chunks.filter((c) => c.type === "text-delta").map((c) => c.delta);
    expect(deltas[0]).toBe("word1 word2 word3");
    expect(deltas.join("")).toBe("word1 word2 word3 word4 word5 word6");
    await readUiStream(running);
  });

  it("an imported ChatGPT conversation opens on the branch the user last saw", async () => {
    const msg = (id: string, role: string, text: string, t: number) => ({ id, author: { role }, create_time: t, content: { content_type: "text", parts: [text] }, metadata: {} });
    const conversation = {
      id: `conv-${provider}`,
      title: "Two answers",
      create_time: 1_700_000_000,
      current_node: "a-old",
      mapping: {
        root: { id: "root", message: null, parent: null, children: ["q"] },
        q: { id: "q", message: msg("q", "user", "question", 1_700_000_001), parent: "root", children: ["a-old", "a-new"] },
        "a-old": { id: "a-old", message: msg("a-old", "assistant", "the answer I kept", 1_700_000_002), parent: "q", children: [] },
        "a-new": { id: "a-new", message: msg("a-new", "assistant", "a newer answer", 1_700_000_009), parent: "q", children: [] },
      },
    };
    const res = await alice.fetch("/api/import", { method: "POST", body: JSON.stringify([conversation]), headers: { "content-type": "application/octet-stream" } });
    expect(res.status).toBe(200);
    const events = (await res.text()).split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    const imported = events.find((e) => e.type === "chat" && e.status === "imported")!;
    const thread = await getMessages(alice, imported.chatId as string);
    expect(thread.map(storedText)).toEqual(["question", "the answer I kept"]);
    expect(thread[1].metadata.branch).toMatchObject({ index: 0, count: 2 });
    // And Shoal's own export carries the choice, so a re-import opens the same branch.
    const exported = (await (await alice.fetch(`/api/chats/${imported.chatId as string}/export?format=json`)).json()) as { chats: Array<{ activeLeafId?: string }> };
    expect(exported.chats[0].activeLeafId).toBe(thread[1].id);
  });
});
