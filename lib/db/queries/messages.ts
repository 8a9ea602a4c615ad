import "server-only";
import { getDb } from "../client";

import type { ChatUIMessage, MessageStatus, MessageUsage } from "@/lib/chat/types";

export type { ChatUIMessage, MessageStatus, MessageUsage };

/** The thread in order, as AI SDK UI messages (parts exactly as stored, reasoning included). */
export async function listMessages({ chatId }: { chatId: string }): Promise<ChatUIMessage[]> {
  const rows = await getDb().message.findMany({
    where: { chatId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map((row) => ({
    id: row.id,
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

export async function messageIdTaken({ id }: { id: string }): Promise<boolean> {
  return (await getDb().message.count({ where: { id } })) > 0;
}

/**
 * One transaction per turn start: the user's message and an assistant placeholder in status
 * `streaming`, so a turn is never half-recorded. The chat's updatedAt moves it to the sidebar top.
 */
export async function startTurn({
  chatId,
  userMessage,
  assistantId,
  model,
  parentId,
}: {
  chatId: string;
  userMessage: { id: string; parts: unknown };
  assistantId: string;
  model: string;
  parentId: string | null;
}): Promise<void> {
  const now = Date.now();
  await getDb().$transaction([
    getDb().message.create({
      data: {
        id: userMessage.id,
        chatId,
        parentId,
        role: "user",
        parts: userMessage.parts as object,
        status: "complete",
        createdAt: new Date(now),
      },
    }),
    getDb().message.create({
      data: {
        id: assistantId,
        chatId,
        parentId: userMessage.id,
        role: "assistant",
        parts: [],
        model,
        status: "streaming",
        createdAt: new Date(now + 1),
      },
    }),
    getDb().chat.update({ where: { id: chatId }, data: { updatedAt: new Date(now) } }),
  ]);
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
