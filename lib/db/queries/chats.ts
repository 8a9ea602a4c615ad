import "server-only";
import { AppError } from "@/lib/errors";
import { getDb } from "../client";

export type ChatSummary = { id: string; title: string; updatedAt: Date; pinned: boolean };
export type ChatRecord = {
  id: string;
  userId: string;
  title: string;
  model: string;
  thinking: boolean;
  reasoningEffort: string | null;
  activeLeafId: string | null;
  settings: unknown;
  titleSource: string;
  pinned: boolean;
  createdAt: Date;
  updatedAt: Date;
};

/**
 * Deleting a chat only marks it (`deletedAt`) so that it can be restored for this long; after that
 * it is purged (rows deleted, messages cascade) by the next delete or restore, or by the sweep that
 * runs every minute (lib/chat/purge-schedule.ts). A deleted chat is invisible everywhere at once:
 * lists, search, export, ownership checks (404) and the chat route.
 */
export const CHAT_UNDO_WINDOW_MS = 30_000;

/** Only chats that are not deleted. Every query on chats goes through this (or `deletedAt IS NULL` in raw SQL). */
export const notDeleted = { deletedAt: null } as const;

export const chatFields = {
  id: true,
  userId: true,
  title: true,
  model: true,
  thinking: true,
  reasoningEffort: true,
  activeLeafId: true,
  settings: true,
  titleSource: true,
  pinned: true,
  createdAt: true,
  updatedAt: true,
} as const;

export async function listChatsForUser({
  userId,
  limit = 50,
  cursor,
}: {
  userId: string;
  limit?: number;
  cursor?: string;
}): Promise<ChatSummary[]> {
  return getDb().chat.findMany({
    where: { userId, ...notDeleted },
    // Pinned chats first, then newest; the cursor pages through that same order.
    orderBy: [{ pinned: "desc" }, { updatedAt: "desc" }, { id: "desc" }],
    take: limit,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    select: { id: true, title: true, updatedAt: true, pinned: true },
  });
}

/**
 * The one ownership check: a chat is visible only to its owner. Someone else's chat and a missing
 * chat are the same 404, so ids cannot be probed.
 */
export async function getChatOrThrow({ id, userId }: { id: string; userId: string }): Promise<ChatRecord> {
  const chat = await getDb().chat.findUnique({ where: { id }, select: { ...chatFields, deletedAt: true } });
  if (!chat || chat.userId !== userId || chat.deletedAt) throw new AppError("not_found:chat");
  return withoutDeletedAt(chat);
}

function withoutDeletedAt<T extends { deletedAt: Date | null }>(chat: T): Omit<T, "deletedAt"> {
  const { deletedAt: _deleted, ...rest } = chat;
  return rest;
}

/** The chat if this user owns it, null if the id is unused; someone else's chat is a 404. Writes nothing. */
export async function findOwnedChat({ id, userId }: { id: string; userId: string }): Promise<ChatRecord | null> {
  const chat = await getDb().chat.findUnique({ where: { id }, select: { ...chatFields, deletedAt: true } });
  if (!chat) return null;
  // A deleted chat's id stays taken until it is purged (an undo may still bring it back).
  if (chat.userId !== userId || chat.deletedAt) throw new AppError("not_found:chat");
  return withoutDeletedAt(chat);
}

export async function setActiveLeaf({ id, userId, leafId }: { id: string; userId: string; leafId: string }): Promise<void> {
  await getDb().chat.updateMany({ where: { id, userId, ...notDeleted }, data: { activeLeafId: leafId } });
}

/** Marks the chat deleted (restorable for CHAT_UNDO_WINDOW_MS) and purges chats deleted before that. */
export async function deleteChat({ id, userId, now = new Date() }: { id: string; userId: string; now?: Date }): Promise<{ restorableUntil: Date }> {
  // updatedAt is left as it was, so a restored chat returns to its place in the sidebar.
  const db = getDb();
  const chat = await db.chat.findFirst({ where: { id, userId, ...notDeleted }, select: { updatedAt: true } });
  if (!chat) throw new AppError("not_found:chat");
  const { count } = await db.chat.updateMany({ where: { id, userId, ...notDeleted }, data: { deletedAt: now, updatedAt: chat.updatedAt } });
  if (count === 0) throw new AppError("not_found:chat");
  await purgeDeletedChats({ now });
  return { restorableUntil: new Date(now.getTime() + CHAT_UNDO_WINDOW_MS) };
}

/** Undo a delete within the window; afterwards (or for a chat that was never deleted) it is a 404. */
export async function restoreChat({ id, userId, now = new Date() }: { id: string; userId: string; now?: Date }): Promise<void> {
  const db = getDb();
  // Expired deletions go first, so an undo that comes too late finds nothing.
  await purgeDeletedChats({ now });
  const chat = await db.chat.findFirst({
    where: { id, userId, deletedAt: { gt: new Date(now.getTime() - CHAT_UNDO_WINDOW_MS) } },
    select: { updatedAt: true },
  });
  if (!chat) throw new AppError("not_found:chat");
  await db.chat.updateMany({ where: { id, userId, deletedAt: { not: null } }, data: { deletedAt: null, updatedAt: chat.updatedAt } });
}

/** Deletes (for good, messages cascade) every chat deleted longer ago than the undo window. Returns how many. */
export async function purgeDeletedChats({ now = new Date() }: { now?: Date } = {}): Promise<number> {
  const { count } = await getDb().chat.deleteMany({ where: { deletedAt: { lte: new Date(now.getTime() - CHAT_UNDO_WINDOW_MS) } } });
  return count;
}

/** Rename, pin/unpin and per-chat generation settings; only the owner's chat is touched. */
export async function updateChat({
  id,
  userId,
  title,
  pinned,
  settings,
}: {
  id: string;
  userId: string;
  title?: string;
  pinned?: boolean;
  settings?: Record<string, unknown>;
}): Promise<void> {
  const { count } = await getDb().chat.updateMany({
    where: { id, userId, ...notDeleted },
    // A title typed by the user is never replaced by an automatic one; pinning does not reorder by time.
    data: {
      ...(title !== undefined ? { title, titleSource: "user" } : {}),
      ...(pinned !== undefined ? { pinned } : {}),
      ...(settings !== undefined ? { settings: settings as object } : {}),
    },
  });
  if (count === 0) throw new AppError("not_found:chat");
}

/** Sets an automatic title unless the user has named the chat by hand meanwhile. */
export async function setAutoTitle({ id, title }: { id: string; title: string }): Promise<boolean> {
  const { count } = await getDb().chat.updateMany({ where: { id, titleSource: "auto" }, data: { title } });
  return count > 0;
}
