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

const chatFields = {
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
    where: { userId },
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
  const chat = await getDb().chat.findUnique({ where: { id }, select: chatFields });
  if (!chat || chat.userId !== userId) throw new AppError("not_found:chat");
  return chat;
}

/** The chat if this user owns it, null if the id is unused; someone else's chat is a 404. Writes nothing. */
export async function findOwnedChat({ id, userId }: { id: string; userId: string }): Promise<ChatRecord | null> {
  const chat = await getDb().chat.findUnique({ where: { id }, select: chatFields });
  if (!chat) return null;
  if (chat.userId !== userId) throw new AppError("not_found:chat");
  return chat;
}

/** Loads the chat if this user owns it, creates it if the id is unused, and 404s if another user owns it. */
export async function getOrCreateChat(input: {
  id: string;
  userId: string;
  title: string;
  model: string;
  thinking: boolean;
  reasoningEffort?: string | null;
  /** Extra generation settings, only used when the chat is created. */
  settings?: object;
}): Promise<{ chat: ChatRecord; created: boolean }> {
  const db = getDb();
  const existing = await db.chat.findUnique({ where: { id: input.id }, select: chatFields });
  if (existing) {
    if (existing.userId !== input.userId) throw new AppError("not_found:chat");
    return { chat: existing, created: false };
  }
  try {
    const chat = await db.chat.create({
      data: { ...input, reasoningEffort: input.reasoningEffort ?? null, settings: input.settings },
      select: chatFields,
    });
    return { chat, created: true };
  } catch (e) {
    // Lost a race on the same id: re-read through the ownership check.
    if ((e as { code?: string }).code === "P2002") {
      return { chat: await getChatOrThrow({ id: input.id, userId: input.userId }), created: false };
    }
    throw e;
  }
}

export async function updateChatSettings({
  id,
  userId,
  model,
  thinking,
  reasoningEffort,
}: {
  id: string;
  userId: string;
  model: string;
  thinking: boolean;
  reasoningEffort: string | null;
}): Promise<void> {
  await getDb().chat.updateMany({ where: { id, userId }, data: { model, thinking, reasoningEffort } });
}

export async function setActiveLeaf({ id, userId, leafId }: { id: string; userId: string; leafId: string }): Promise<void> {
  await getDb().chat.updateMany({ where: { id, userId }, data: { activeLeafId: leafId } });
}

export async function deleteChat({ id, userId }: { id: string; userId: string }): Promise<void> {
  const { count } = await getDb().chat.deleteMany({ where: { id, userId } });
  if (count === 0) throw new AppError("not_found:chat");
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
    where: { id, userId },
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
