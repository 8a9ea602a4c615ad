import "server-only";
import { createHash } from "node:crypto";
import { insertImportedChat } from "@/lib/db/queries/portability";
import type { ChatImportResult, ImportSource } from "./format";

export { MAX_IMPORT_BYTES } from "./format";
import { ImportFileError, readChats } from "./read";

export type ImportEvent =
  | { type: "start"; format: ImportSource }
  | ({ type: "chat" } & ChatImportResult)
  | { type: "progress"; bytes: number }
  | { type: "done"; imported: number; skipped: number; bytes: number }
  | { type: "error"; code: "bad_request:import"; reason: ImportFileError["reason"]; detail?: Record<string, unknown> };

/** Same content from the same source → same key, whatever ids a later import assigns. */
export function importKeyFor(source: ImportSource, chat: unknown): string {
  return createHash("sha256").update(source).update("\n").update(JSON.stringify(chat)).digest("hex");
}

/**
 * Runs one import and reports as it goes: the detected format, one event per chat (imported, or
 * skipped and why), byte progress, then `done`, or `error` when the file itself is unusable. Chats
 * written before a file error stay; each chat is written whole or not at all.
 */
export async function* runImport({
  body,
  userId,
  defaultModel,
  maxBytes,
}: {
  body: AsyncIterable<Uint8Array>;
  userId: string;
  defaultModel: string;
  maxBytes: number;
}): AsyncGenerator<ImportEvent> {
  let format: ImportSource | undefined;
  let imported = 0;
  let skipped = 0;
  let bytes = 0;
  let started = false;
  try {
    for await (const item of readChats(body, { defaultModel, maxBytes, onFormat: (f) => (format = f) })) {
      if (!started && format) {
        started = true;
        yield { type: "start", format };
      }
      if (item.kind === "progress") {
        bytes = item.bytes;
        yield { type: "progress", bytes };
        continue;
      }
      if (item.kind === "invalid") {
        skipped++;
        yield { type: "chat", status: "skipped", index: item.index, title: item.title, reason: "invalid", detail: item.detail };
        continue;
      }
      const { chat, notes } = item.converted;
      if (chat.messages.length === 0) {
        skipped++;
        yield { type: "chat", status: "skipped", index: item.index, title: chat.title, reason: "empty" };
        continue;
      }
      const result = await insertImportedChat({ userId, chat, importKey: importKeyFor(format!, chat), keepIds: format === "shoal" }).catch(
        (e: unknown) => {
          // The database refused this chat (e.g. PostgreSQL rejects NUL characters in JSON); its
          // transaction rolled back, so nothing of it was written. The other chats go on.
          console.error("[shoal] import: could not write chat", item.index, e);
          return { status: "skipped", reason: "write_failed" } as const;
        },
      );
      if (result.status === "imported") {
        imported++;
        yield { type: "chat", status: "imported", index: item.index, title: chat.title, chatId: result.chatId, messages: chat.messages.length, notes };
      } else {
        skipped++;
        yield { type: "chat", status: "skipped", index: item.index, title: chat.title, reason: result.reason };
      }
    }
  } catch (e) {
    if (!(e instanceof ImportFileError)) throw e;
    yield { type: "error", code: "bad_request:import", reason: e.reason, ...(e.detail ? { detail: e.detail } : {}) };
    return;
  }
  yield { type: "done", imported, skipped, bytes };
}
