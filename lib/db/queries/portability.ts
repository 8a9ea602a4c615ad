import "server-only";
import { generateId } from "ai";
import type { ShoalChat } from "@/lib/portability/format";
import type { ExportChatRow, ExportMessageRow } from "@/lib/portability/serialize";
import { partsText } from "@/lib/chat/search-text";
import { AppError } from "@/lib/errors";
import { getDb, type Db } from "../client";

// Export, import and account data: the only place these read or write the database.

const exportChatFields = {
  id: true,
  title: true,
  titleSource: true,
  model: true,
  thinking: true,
  reasoningEffort: true,
  settings: true,
  createdAt: true,
  updatedAt: true,
  activeLeafId: true,
} as const;

/** A page of the user's chats, oldest first; `after` is the last id of the previous page. */
export async function listChatsForExport({ userId, after, take, ids }: { userId: string; after?: string; take: number; ids?: string[] }): Promise<ExportChatRow[]> {
  const rows = await getDb().chat.findMany({
    where: { userId, deletedAt: null, ...(ids ? { id: { in: ids } } : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take,
    ...(after ? { cursor: { id: after }, skip: 1 } : {}),
    select: exportChatFields,
  });
  return rows as ExportChatRow[];
}

/** A page of one chat's messages in thread order. The caller has checked ownership of the chat. */
export async function listMessagesForExport({ chatId, after, take }: { chatId: string; after?: string; take: number }): Promise<ExportMessageRow[]> {
  const rows = await getDb().message.findMany({
    where: { chatId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take,
    ...(after ? { cursor: { id: after }, skip: 1 } : {}),
    select: {
      id: true,
      parentId: true,
      role: true,
      parts: true,
      model: true,
      status: true,
      errorCode: true,
      finishReason: true,
      inputCacheHitTokens: true,
      inputCacheMissTokens: true,
      outputTokens: true,
      reasoningTokens: true,
      createdAt: true,
      updatedAt: true,
    },
  });
  return rows as ExportMessageRow[];
}

export async function getAccountForExport({ userId }: { userId: string }) {
  return getDb().user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true, locale: true, createdAt: true },
  });
}

/** Token totals per model over all of the user's messages. */
export async function getUsageByModel({ userId }: { userId: string }) {
  const rows = await getDb().message.groupBy({
    by: ["model"],
    where: { chat: { userId, deletedAt: null }, role: "assistant" },
    orderBy: { model: "asc" },
    _count: { _all: true },
    _sum: { inputCacheHitTokens: true, inputCacheMissTokens: true, outputTokens: true, reasoningTokens: true },
  });
  return rows.map((r) => ({
    model: r.model,
    answers: r._count._all,
    inputCacheHitTokens: r._sum.inputCacheHitTokens ?? 0,
    inputCacheMissTokens: r._sum.inputCacheMissTokens ?? 0,
    outputTokens: r._sum.outputTokens ?? 0,
    reasoningTokens: r._sum.reasoningTokens ?? 0,
  }));
}

export type InsertResult = { status: "imported"; chatId: string } | { status: "skipped"; reason: "duplicate" | "already_exists" };

const BATCH = 500;

/**
 * Writes one imported chat in a single transaction (all of it or nothing). `keepIds` (Shoal's own
 * format) keeps the file's ids when they are free, so a round trip reproduces the export; ids in use
 * elsewhere are replaced. A chat whose importKey this user already has is a duplicate.
 */
export async function insertImportedChat({
  userId,
  chat,
  importKey,
  keepIds,
}: {
  userId: string;
  chat: ShoalChat;
  importKey: string;
  keepIds: boolean;
}): Promise<InsertResult> {
  const db = getDb();
  // A chat deleted moments ago (still in its undo window) must not make the import a duplicate.
  await db.chat.deleteMany({ where: { userId, deletedAt: { not: null }, OR: [{ importKey }, { id: chat.id }] } });
  try {
    if (!keepIds) {
      // Fresh ids cannot collide, so the unique (userId, importKey) index alone detects a duplicate,
      // and one batch transaction (fewer round trips than an interactive one) writes the chat.
      const { ops, chatId } = writes(db, { userId, chat, importKey, remap: true });
      await db.$transaction(ops);
      return { status: "imported", chatId };
    }
    return await db.$transaction(
      async (tx) => {
        if (await tx.chat.findUnique({ where: { userId_importKey: { userId, importKey } }, select: { id: true } })) {
          return { status: "skipped", reason: "duplicate" } as const;
        }
        const existing = await tx.chat.findUnique({ where: { id: chat.id }, select: { userId: true } });
        if (existing?.userId === userId) return { status: "skipped", reason: "already_exists" } as const;
        let remap = Boolean(existing);
        for (let i = 0; !remap && i < chat.messages.length; i += BATCH) {
          const ids = chat.messages.slice(i, i + BATCH).map((m) => m.id);
          remap = (await tx.message.count({ where: { id: { in: ids } } })) > 0;
        }
        const { ops, chatId } = writes(tx as Db, { userId, chat, importKey, remap });
        for (const op of ops) await op;
        return { status: "imported", chatId } as const;
      },
      { maxWait: 10_000, timeout: 120_000 },
    );
  } catch (e) {
    // The same chat imported before (or by a concurrent import of the same file).
    if ((e as { code?: string }).code === "P2002") return { status: "skipped", reason: "duplicate" };
    throw e;
  }
}

/** The chat row and its messages (in batches) as Prisma operations, with ids replaced when `remap`. */
function writes(db: Db, { userId, chat, importKey, remap }: { userId: string; chat: ShoalChat; importKey: string; remap: boolean }) {
  const ids = new Map(chat.messages.map((m) => [m.id, remap ? generateId() : m.id]));
  const chatId = remap ? generateId() : chat.id;
  const ops = [
    db.chat.create({
      data: {
        id: chatId,
        userId,
        importKey,
        title: chat.title,
        titleSource: chat.titleSource,
        model: chat.model,
        thinking: chat.thinking,
        reasoningEffort: chat.reasoningEffort,
        settings: (chat.settings ?? undefined) as object | undefined,
        createdAt: new Date(chat.createdAt),
        updatedAt: new Date(chat.updatedAt),
        // The branch the user was looking at (ChatGPT's current_node, or Shoal's own choice).
        activeLeafId: chat.activeLeafId ? (ids.get(chat.activeLeafId) ?? null) : null,
      },
    }),
  ] as Array<ReturnType<Db["chat"]["create"]> | ReturnType<Db["message"]["createMany"]>>;
  for (let i = 0; i < chat.messages.length; i += BATCH) {
    ops.push(
      db.message.createMany({
        data: chat.messages.slice(i, i + BATCH).map((m) => ({
          id: ids.get(m.id)!,
          chatId,
          parentId: m.parentId === null ? null : ids.get(m.parentId)!,
          role: m.role,
          parts: m.parts as object,
          searchText: partsText(m.parts),
          model: m.model,
          // An answer still streaming in the file never finishes here.
          status: m.status === "streaming" ? "stopped" : m.status,
          errorCode: m.errorCode,
          finishReason: m.finishReason,
          ...m.usage,
          createdAt: new Date(m.createdAt),
          updatedAt: new Date(m.updatedAt),
        })),
      }),
    );
  }
  return { ops, chatId };
}
/**
 * Deletes the account and, by cascade, its chats, messages and sessions. The last active admin of
 * an instance that has other users cannot delete themselves (nobody could administer it).
 */
export async function deleteAccount({ userId }: { userId: string }): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { role: true } });
    if (!user) throw new AppError("not_found:account");
    if (user.role === "admin") {
      const otherAdmins = await tx.user.count({ where: { role: "admin", status: "active", id: { not: userId } } });
      const others = await tx.user.count({ where: { id: { not: userId } } });
      if (otherAdmins === 0 && others > 0) throw new AppError("forbidden:account", { reason: "last_admin" });
    }
    await tx.user.delete({ where: { id: userId } });
  });
}

export async function getPasswordHash({ userId }: { userId: string }): Promise<string | null> {
  return (await getDb().user.findUnique({ where: { id: userId }, select: { passwordHash: true } }))?.passwordHash ?? null;
}
