import "server-only";
import { partsText } from "@/lib/chat/search-text";
import { AppError } from "@/lib/errors";
import type { ForkedMessage } from "@/lib/sharing/fork";
import type { ShareVisibility } from "@/lib/sharing/access";
import { getDb } from "../client";

export type ShareRecord = {
  chatId: string;
  token: string;
  visibility: string;
  includeSystemPrompt: boolean;
  createdById: string;
  createdAt: Date;
};
const shareFields = { chatId: true, token: true, visibility: true, includeSystemPrompt: true, createdById: true, createdAt: true } as const;

export async function getShareForChat({ chatId }: { chatId: string }): Promise<ShareRecord | null> {
  return getDb().chatShare.findUnique({ where: { chatId }, select: shareFields });
}

/**
 * Creates the chat's share link or changes its visibility/system-prompt choice; the token stays.
 * The caller has checked that the user owns the chat.
 */
export async function upsertShare({
  chatId,
  userId,
  visibility,
  includeSystemPrompt,
  token,
}: {
  chatId: string;
  userId: string;
  visibility: ShareVisibility;
  includeSystemPrompt?: boolean;
  token: string;
}): Promise<ShareRecord> {
  return getDb().chatShare.upsert({
    where: { chatId },
    update: { visibility, ...(includeSystemPrompt !== undefined ? { includeSystemPrompt } : {}) },
    create: { chatId, token, visibility, includeSystemPrompt: includeSystemPrompt ?? false, createdById: userId },
    select: shareFields,
  });
}

/** A new token for an existing link: the old one stops working with this write. "Shared at" restarts. */
export async function replaceShareToken({ chatId, token }: { chatId: string; token: string }): Promise<ShareRecord> {
  const { count } = await getDb().chatShare.updateMany({ where: { chatId }, data: { token, createdAt: new Date() } });
  if (count === 0) throw new AppError("not_found:share");
  return (await getShareForChat({ chatId }))!;
}

export async function deleteShare({ chatId }: { chatId: string }): Promise<void> {
  await getDb().chatShare.deleteMany({ where: { chatId } });
}

export type SharedChat = {
  share: ShareRecord;
  chat: { id: string; title: string; model: string; thinking: boolean; reasoningEffort: string | null; settings: unknown; activeLeafId: string | null };
  sharer: { id: string; name: string | null; email: string; status: string };
};

/** The share behind a token with its chat and the sharer's account, or null. */
export async function getSharedChatByToken({ token }: { token: string }): Promise<SharedChat | null> {
  const row = await getDb().chatShare.findUnique({
    where: { token },
    select: {
      ...shareFields,
      chat: {
        select: {
          id: true,
          title: true,
          model: true,
          thinking: true,
          reasoningEffort: true,
          settings: true,
          activeLeafId: true,
          deletedAt: true,
          user: { select: { id: true, name: true, email: true, status: true } },
        },
      },
    },
  });
  // A deleted chat's link is gone at once, even while the chat can still be restored (undo).
  if (!row || row.chat.deletedAt) return null;
  const { chat, ...share } = row;
  const { user, deletedAt: _deleted, ...chatFields } = chat;
  return { share, chat: chatFields, sharer: user };
}

/** The forked chat and its messages in one transaction, owned by the viewer. */
export async function createForkedChat({
  id,
  userId,
  title,
  model,
  thinking,
  reasoningEffort,
  settings,
  messages,
}: {
  id: string;
  userId: string;
  title: string;
  model: string;
  thinking: boolean;
  reasoningEffort: string | null;
  settings: object;
  messages: ForkedMessage[];
}): Promise<void> {
  const db = getDb();
  await db.$transaction([
    db.chat.create({
      data: { id, userId, title, titleSource: "user", model, thinking, reasoningEffort, settings, activeLeafId: messages.at(-1)?.id ?? null },
    }),
    ...messages.map((m) =>
      db.message.create({
        data: {
          id: m.id,
          chatId: id,
          parentId: m.parentId,
          role: m.role,
          parts: m.parts as object,
          searchText: partsText(m.parts),
          status: m.status,
          model: m.model,
          errorCode: m.errorCode,
          reasoningMs: m.reasoningMs,
          createdAt: m.createdAt,
        },
      }),
    ),
  ]);
}
