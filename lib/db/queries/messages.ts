import "server-only";
import { AppError } from "@/lib/errors";
import { isDriverAdapterError } from "@prisma/driver-adapter-utils";
import { getDb, sqliteThreadOf } from "../client";
import { isNoRowsWritten } from "../sqlite-thread";
import { insertRows, updateRows } from "../sql-rows";
import { chatFields, type ChatRecord } from "./chats";

import { visibleBranch } from "@/lib/chat/branches";
import { partsText } from "@/lib/chat/search-text";
import type { ChatUIMessage, MessageStatus, MessageUsage } from "@/lib/chat/types";

export type { ChatUIMessage, MessageStatus, MessageUsage };

export type TreeMessage = ChatUIMessage & { parentId: string | null; createdAt: Date };

/** Every message of the chat (all branches), oldest first, as AI SDK UI messages. */
export async function listMessageTree({ chatId }: { chatId: string }): Promise<TreeMessage[]> {
  const rows = await getDb().message.findMany({
    where: { chatId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    // Search's copy of the text is not needed to show or continue a chat.
    omit: { searchText: true },
  });
  return rows.map((row) => ({
    id: row.id,
    parentId: row.parentId,
    createdAt: row.createdAt,
    role: row.role as ChatUIMessage["role"],
    parts: row.parts as ChatUIMessage["parts"],
    metadata: {
      status: row.status as MessageStatus,
      model: row.model,
      errorCode: row.errorCode,
      finishReason: row.finishReason,
      createdAt: row.createdAt.toISOString(),
      reasoningMs: row.reasoningMs,
      usage: {
        inputCacheHitTokens: row.inputCacheHitTokens,
        inputCacheMissTokens: row.inputCacheMissTokens,
        outputTokens: row.outputTokens,
        reasoningTokens: row.reasoningTokens,
      },
    },
  }));
}

/**
 * The branch the user is looking at (parts exactly as stored, reasoning included), each message
 * carrying its sibling position for `< 2/3 >` paging.
 */
export async function listMessages({ chatId, leafId }: { chatId: string; leafId?: string | null }): Promise<ChatUIMessage[]> {
  return toVisible(visibleBranch(await listMessageTree({ chatId }), leafId));
}

export function toVisible(branch: ReturnType<typeof visibleBranch<TreeMessage>>): ChatUIMessage[] {
  return branch.map(({ parentId: _p, createdAt: _c, branch: info, ...message }) => ({
    ...message,
    metadata: { ...message.metadata!, branch: info },
  }));
}

type TurnMessages = {
  /** The new question; absent when answering an existing one again (regenerate). */
  userMessage?: { id: string; parts: unknown };
  assistantId: string;
  model: string;
  /** What the new question follows, or (regenerate) the question being answered again. */
  parentId: string | null;
};

/** The chat's model settings, written with the turn when the request changes them. */
export type ChatModelSettings = { model: string; thinking: boolean; reasoningEffort: string | null };

/**
 * One transaction per turn start: the user's message and an assistant placeholder in status
 * `streaming`, so a turn is never half-recorded. The chat's updatedAt moves it to the sidebar top;
 * the same UPDATE points it at the new answer and stores changed model settings. A question whose id
 * is already taken is `bad_request:chat` (message_id_taken), with nothing written.
 */
export async function startTurn({
  chatId,
  chatSettings,
  ...turn
}: TurnMessages & { chatId: string; chatSettings?: ChatModelSettings }): Promise<void> {
  const db = getDb();
  const now = Date.now();
  const messages = messageRows(chatId, turn, now);
  const chat = { ...chatSettings, updatedAt: new Date(now), activeLeafId: turn.assistantId };
  const thread = sqliteThreadOf(db);
  try {
    if (thread) {
      // On SQLite the whole transaction is one call to the database thread (see writeTransaction).
      await thread.writeTransaction([insertRows("Message", messages, MESSAGE_JSON), updateRows("Chat", chat, { id: chatId })]);
    } else {
      await db.$transaction([
        db.message.createMany({ data: messages }),
        db.chat.update({ where: { id: chatId }, data: chat, select: { id: true } }),
      ]);
    }
  } catch (e) {
    if (turn.userMessage && isUniqueViolation(e)) throw messageIdTaken();
    // The chat was purged since it was read: the messages' foreign key refuses them (the UPDATE
    // finding no row is the fallback), and nothing of the turn was written.
    const chatGone = isDriverError(e, "P2003", "ForeignKeyConstraintViolation") || isNoRowsWritten(e) || isDriverError(e, "P2025");
    throw chatGone ? new AppError("not_found:chat") : e;
  }
}

/**
 * A new chat's first turn: the chat row (already pointing at the new answer), the question and the
 * assistant placeholder in one transaction, so a refused turn never leaves an empty chat. Returns
 * null when the chat id was taken meanwhile (a concurrent request created it; nothing was written):
 * the caller goes on as for an existing chat. A taken question id is `bad_request:chat`.
 */
export async function startChatWithTurn({
  chat,
  ...turn
}: Omit<TurnMessages, "parentId"> & {
  chat: ChatModelSettings & { id: string; userId: string; title: string; settings?: object };
}): Promise<ChatRecord | null> {
  const db = getDb();
  const now = Date.now();
  const row = {
    ...chat,
    titleSource: "auto",
    pinned: false,
    activeLeafId: turn.assistantId,
    createdAt: new Date(now),
    updatedAt: new Date(now),
  };
  const messages = messageRows(chat.id, { ...turn, parentId: null }, now);
  const thread = sqliteThreadOf(db);
  try {
    if (thread) {
      // On SQLite the whole transaction is one call to the database thread (see writeTransaction).
      await thread.writeTransaction([insertRows("Chat", [row], { json: ["settings"] }), insertRows("Message", messages, MESSAGE_JSON)]);
      // As Prisma returns it: the stored JSON read back, not the caller's object.
      return { ...row, settings: chat.settings === undefined ? null : (JSON.parse(JSON.stringify(chat.settings)) as object) };
    }
    const [created] = await db.$transaction([db.chat.create({ data: row, select: chatFields }), db.message.createMany({ data: messages })]);
    return created;
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    // Both ids are primary keys; whichever was taken, the transaction wrote nothing.
    if (await db.chat.findUnique({ where: { id: chat.id }, select: { id: true } })) return null;
    throw messageIdTaken();
  }
}

const MESSAGE_JSON = { json: ["parts"] };

/** The question (if any) and the answer's placeholder: one INSERT of both rows. */
function messageRows(chatId: string, { userMessage, assistantId, model, parentId }: TurnMessages, now: number) {
  return [
    ...(userMessage
      ? [
          {
            id: userMessage.id,
            chatId,
            parentId,
            role: "user",
            parts: userMessage.parts as object,
            searchText: partsText(userMessage.parts),
            model: null,
            status: "complete",
            createdAt: new Date(now),
            updatedAt: new Date(now),
          },
        ]
      : []),
    {
      id: assistantId,
      chatId,
      parentId: userMessage ? userMessage.id : parentId,
      role: "assistant",
      parts: [],
      searchText: "",
      model,
      status: "streaming",
      createdAt: new Date(now + 1),
      updatedAt: new Date(now + 1),
    },
  ];
}

/** Prisma's error `code`, or the driver's own error of `kind` (from a writeTransaction). */
function isDriverError(e: unknown, code: string, kind?: string): boolean {
  return (e as { code?: string }).code === code || (kind !== undefined && isDriverAdapterError(e) && e.cause.kind === kind);
}

function isUniqueViolation(e: unknown): boolean {
  return isDriverError(e, "P2002", "UniqueConstraintViolation");
}

function messageIdTaken(): AppError {
  return new AppError("bad_request:chat", { reason: "message_id_taken" });
}

export async function finishTurn({
  assistantId,
  parts,
  status,
  errorCode,
  finishReason,
  usage,
  reasoningMs,
}: {
  assistantId: string;
  parts: unknown;
  status: Exclude<MessageStatus, "streaming">;
  errorCode?: string | null;
  finishReason?: string | null;
  usage?: MessageUsage;
  reasoningMs?: number | null;
}): Promise<void> {
  await getDb().message.update({
    where: { id: assistantId },
    data: {
      parts: parts as object,
      searchText: partsText(parts),
      status,
      errorCode: errorCode ?? null,
      finishReason: finishReason ?? null,
      inputCacheHitTokens: usage?.inputCacheHitTokens ?? null,
      inputCacheMissTokens: usage?.inputCacheMissTokens ?? null,
      outputTokens: usage?.outputTokens ?? null,
      reasoningTokens: usage?.reasoningTokens ?? null,
      reasoningMs: reasoningMs ?? null,
    },
  });
}

export type AssistantCheckpoint = { assistantId: string; parts?: unknown };

// Checkpoints written at once: enough to keep the database busy, few enough that other requests'
// statements get in between two slices (SQLite runs statements one at a time, in arrival order).
const CHECKPOINT_SLICE = 25;

/** One UPDATE per item, CHECKPOINT_SLICE at a time; their results in order. */
async function inSlices<T, R>(items: readonly T[], update: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += CHECKPOINT_SLICE) results.push(...(await Promise.all(items.slice(i, i + CHECKPOINT_SLICE).map(update))));
  return results;
}

/**
 * The checkpoints of many running answers at once (one tick of the process-wide checkpoint timer):
 * answers with new parts get one UPDATE each, a slice at a time; heartbeats (no new parts) are one
 * statement for all of them. Never per token. Each UPDATE stands alone, without a transaction around
 * the slice: a checkpoint needs no other to be atomic, and on SQLite the main thread waits for every
 * statement inside a transaction (lib/db/sqlite-thread.ts) but for none outside one. An answer wrongly
 * swept as interrupted (another instance restarted) turns back to streaming here. A checkpoint leaves
 * `searchText` alone: search skips answers still streaming, and whatever ends one writes it.
 */
export async function checkpointAssistants(batch: AssistantCheckpoint[]): Promise<void> {
  const db = getDb();
  const where = { status: { in: ["streaming", "interrupted"] } };
  const now = new Date();
  const withParts = batch.filter((c) => c.parts !== undefined);
  const heartbeats = batch.filter((c) => c.parts === undefined).map((c) => c.assistantId);
  await inSlices(withParts, (c) =>
    db.message.updateMany({ where: { id: c.assistantId, ...where }, data: { status: "streaming", updatedAt: now, parts: c.parts as object } }),
  );
  if (heartbeats.length > 0) {
    await db.message.updateMany({ where: { id: { in: heartbeats }, ...where }, data: { status: "streaming", updatedAt: now } });
  }
}

/** The answer still marked as generating in this chat, if any. */
export async function findStreamingAssistant({ chatId }: { chatId: string }): Promise<{ id: string } | null> {
  return getDb().message.findFirst({
    where: { chatId, role: "assistant", status: "streaming" },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
}

/**
 * Answers whose generator died (process killed) stop getting heartbeats; after `staleMs` they are
 * marked interrupted, keeping the last checkpointed text, which becomes searchable (checkpoints do
 * not write `searchText`). One that checkpoints meanwhile is alive, and is left as it is.
 */
export async function markStaleStreamingInterrupted({ staleMs }: { staleMs: number }): Promise<number> {
  const db = getDb();
  const where = { status: "streaming", updatedAt: { lt: new Date(Date.now() - staleMs) } };
  const stale = await db.message.findMany({ where, select: { id: true, parts: true } });
  const done = await inSlices(stale, (m) => db.message.updateMany({ where: { id: m.id, ...where }, data: { status: "interrupted", searchText: partsText(m.parts) } }));
  return done.reduce((n, r) => n + r.count, 0);
}

/**
 * "Continue": the answer turns back to `streaming` (only if it is not already, so two clicks cannot
 * run two continuations) and becomes the chat's visible leaf. False when it was already streaming.
 */
export async function reopenAssistant({
  chatId,
  assistantId,
  chatSettings,
}: {
  chatId: string;
  assistantId: string;
  chatSettings?: ChatModelSettings;
}): Promise<boolean> {
  const db = getDb();
  const [{ count }] = await db.$transaction([
    db.message.updateMany({
      where: { id: assistantId, chatId, role: "assistant", status: { not: "streaming" } },
      data: { status: "streaming", errorCode: null, updatedAt: new Date() },
    }),
    db.chat.update({ where: { id: chatId }, data: { ...chatSettings, updatedAt: new Date(), activeLeafId: assistantId } }),
  ]);
  return count > 0;
}
