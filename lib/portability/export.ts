import "server-only";
import { getAccountForExport, getUsageByModel, listChatsForExport, listMessagesForExport } from "@/lib/db/queries/portability";
import { CHAT_CLOSE, chatOpen, FILE_FOOTER, fileHeader, markdownHeader, markdownMessage, messageJson, type MarkdownLabels } from "./serialize";

// Exports are pulled page by page from the database as the client reads, so memory stays at one
// page of chats and one page of messages however large the account is.
const CHAT_PAGE = 50;
const MESSAGE_PAGE = 500;

async function* messagesOf(chatId: string) {
  let after: string | undefined;
  for (;;) {
    const page = await listMessagesForExport({ chatId, after, take: MESSAGE_PAGE });
    yield* page;
    if (page.length < MESSAGE_PAGE) return;
    after = page.at(-1)!.id;
  }
}

async function* jsonExport({ userId, chatIds, account }: { userId: string; chatIds?: string[]; account: boolean }): AsyncGenerator<string> {
  const extra: Record<string, unknown> = {};
  if (account) {
    const user = await getAccountForExport({ userId });
    extra.account = { ...user, createdAt: user.createdAt.toISOString() };
    extra.usage = await getUsageByModel({ userId });
  }
  yield fileHeader(new Date(), extra);
  let after: string | undefined;
  let first = true;
  for (;;) {
    const chats = await listChatsForExport({ userId, after, take: CHAT_PAGE, ids: chatIds });
    for (const chat of chats) {
      yield (first ? "" : ",") + chatOpen(chat);
      first = false;
      let firstMessage = true;
      for await (const m of messagesOf(chat.id)) {
        yield (firstMessage ? "" : ",") + messageJson(m);
        firstMessage = false;
      }
      yield CHAT_CLOSE;
    }
    if (chats.length < CHAT_PAGE) break;
    after = chats.at(-1)!.id;
  }
  yield FILE_FOOTER;
}

async function* markdownExport({ userId, chatId, reasoning, labels }: { userId: string; chatId: string; reasoning: boolean; labels: MarkdownLabels }) {
  const [chat] = await listChatsForExport({ userId, take: 1, ids: [chatId] });
  if (!chat) return;
  yield markdownHeader(chat, labels);
  for await (const m of messagesOf(chat.id)) yield markdownMessage(m, labels, reasoning);
}

function toStream(source: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      const next = await source.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await source.return(undefined);
    },
  });
}

export function exportJsonStream(opts: { userId: string; chatIds?: string[]; account: boolean }) {
  return toStream(jsonExport(opts));
}

export function exportMarkdownStream(opts: { userId: string; chatId: string; reasoning: boolean; labels: MarkdownLabels }) {
  return toStream(markdownExport(opts));
}

/** A file name safe in Content-Disposition: ASCII fallback plus the UTF-8 original. */
export function attachmentHeader(name: string, ext: string): string {
  const clean = name.replace(/[\\/:*?"<>|\r\n]+/g, " ").trim().slice(0, 80) || "chat";
  const ascii = clean.replace(/[^\x20-\x7e]+/g, "_");
  return `attachment; filename="${ascii}.${ext}"; filename*=UTF-8''${encodeURIComponent(`${clean}.${ext}`)}`;
}
