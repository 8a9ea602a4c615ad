import { expect } from "vitest";
import type { HttpClient } from "./http-client";

type Part = Record<string, unknown>;
export type StoredMessage = Part & { id: string; parts: Part[]; metadata: Part };

let seq = 0;
export const newId = (prefix: string) => `${prefix}${Date.now().toString(36)}${(seq++).toString(36)}`;

export function chatBody(id: string, text: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    message: { id: newId("m"), role: "user", parts: [{ type: "text", text }] },
    model: "deepseek-flash",
    thinking: true,
    ...extra,
  };
}

export const storedText = (m: StoredMessage | undefined) =>
  (m?.parts ?? []).filter((p) => p.type === "text").map((p) => p.text as string).join("");

export async function getMessages(client: HttpClient, chatId: string): Promise<StoredMessage[]> {
  const res = await client.fetch(`/api/chats/${chatId}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { messages: StoredMessage[] }).messages;
}

/** Poll the stored thread until `done` holds for its last message (or time runs out). */
export async function waitForMessage(
  client: HttpClient,
  chatId: string,
  done: (m: StoredMessage) => boolean,
  timeoutMs = 20_000,
): Promise<StoredMessage> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // The chat may not exist yet when the request that creates it is still in flight.
    const res = await client.fetch(`/api/chats/${chatId}`);
    const last = res.status === 404 ? undefined : ((await res.json()) as { messages: StoredMessage[] }).messages.at(-1);
    if (last && done(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out; last message: ${JSON.stringify(last)?.slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Read an SSE response until `count` text deltas arrived, then drop the connection (a closed tab). */
export async function readSomeThenDisconnect(res: Response, controller: AbortController, count: number): Promise<string> {
  const reader = res.body!.getReader();
  let seen = "";
  while (seen.split('"text-delta"').length <= count) {
    const { value, done } = await reader.read();
    if (done) break;
    seen += new TextDecoder().decode(value);
  }
  controller.abort();
  return seen;
}

/** The last streamed chat request the emulator received (automatic titles are separate, non-streamed calls). */
export function lastChatRequest(emulator: { requests: Array<{ body: unknown }> }) {
  const streamed = emulator.requests.filter((r) => (r.body as { stream?: boolean }).stream === true);
  const last = streamed.at(-1);
  if (!last) throw new Error("the emulator received no streamed chat request");
  return last as { body: Record<string, unknown>; headers: Record<string, string | undefined> };
}
