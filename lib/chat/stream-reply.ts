import "server-only";
import { consumeStream, convertToModelMessages, generateId, streamText } from "ai";
import type { ChatRequest } from "@/app/api/chat/schema";
import { effectiveThinking, resolveModel } from "@/lib/ai/models";
import { getDeepSeek } from "@/lib/ai/provider";
import { prepareHistoryForReplay } from "@/lib/ai/replay";
import { upstreamErrorCode } from "@/lib/ai/upstream-errors";
import { getOrCreateChat, updateChatSettings } from "@/lib/db/queries/chats";
import {
  finishTurn,
  listMessages,
  messageIdTaken,
  startTurn,
  type ChatUIMessage,
  type MessageUsage,
} from "@/lib/db/queries/messages";
import type { AppUser } from "@/lib/db/queries/users";
import { AppError } from "@/lib/errors";
import { startMeter } from "@/lib/usage/meter";
import { titleFromText } from "./title";
import { usageFromSdk } from "./usage";

/**
 * One chat turn: ownership, persistence of the question, the DeepSeek stream, and persistence of
 * the answer however the stream ends (finish, stop/disconnect, error). Two writes at the start, one
 * at the end; never per token.
 */
export async function streamChatReply({
  user,
  input,
  signal,
}: {
  user: AppUser;
  input: ChatRequest;
  signal: AbortSignal;
}): Promise<Response> {
  const resolved = resolveModel(input.model);
  if (!resolved) throw new AppError("bad_request:model", { model: input.model });
  const deepseek = getDeepSeek();
  const thinking = effectiveThinking(resolved, input.thinking);
  const reasoningEffort = thinking && resolved.model.supportsEffort ? (input.reasoningEffort ?? null) : null;
  const text = input.message.parts.map((p) => p.text).join("\n");

  const { chat, created } = await getOrCreateChat({
    id: input.id,
    userId: user.id,
    title: titleFromText(text),
    model: resolved.model.id,
    thinking,
    reasoningEffort,
  });
  if (!created && (chat.model !== resolved.model.id || chat.thinking !== thinking || chat.reasoningEffort !== reasoningEffort)) {
    await updateChatSettings({ id: chat.id, userId: user.id, model: resolved.model.id, thinking, reasoningEffort });
  }
  if (await messageIdTaken({ id: input.message.id })) throw new AppError("bad_request:chat", { reason: "message_id_taken" });
  const meter = await startMeter({ user, source: "chat", model: resolved.model.id, chatId: chat.id });

  const history = (await listMessages({ chatId: chat.id })).filter(hasContent);
  const assistantId = generateId();
  const createdAt = new Date().toISOString();
  const userMessage: ChatUIMessage = {
    id: input.message.id,
    role: "user",
    parts: input.message.parts,
    metadata: { status: "complete", createdAt },
  };
  await startTurn({
    chatId: chat.id,
    userMessage: { id: userMessage.id, parts: userMessage.parts },
    assistantId,
    model: resolved.model.id,
    parentId: history.at(-1)?.id ?? null,
  });

  let errorCode: string | undefined;
  let usage: MessageUsage | undefined;
  const result = streamText({
    model: deepseek(resolved.model.id),
    messages: await convertToModelMessages(prepareHistoryForReplay([...history, userMessage])),
    abortSignal: signal,
    // Retrying 429/503 visibly (and never after the first token) belongs to the durability work;
    // the SDK's silent retries would double the wait before the user sees anything.
    maxRetries: 0,
    providerOptions: {
      deepseek: { thinking: { type: thinking ? "enabled" : "disabled" }, ...(reasoningEffort ? { reasoningEffort } : {}) },
    },
    onError: ({ error }) => {
      errorCode ??= upstreamErrorCode(error);
    },
  });

  return result.toUIMessageStreamResponse<ChatUIMessage>({
    generateMessageId: () => assistantId,
    sendReasoning: true,
    messageMetadata: ({ part }) => {
      if (part.type === "start") return { status: "streaming", model: resolved.model.id, createdAt };
      if (part.type === "finish") {
        usage = usageFromSdk(part.totalUsage);
        return { status: "complete", model: resolved.model.id, createdAt, usage, finishReason: part.finishReason };
      }
      return undefined;
    },
    onError: (error) => {
      errorCode ??= upstreamErrorCode(error);
      return errorCode;
    },
    onEnd: async ({ responseMessage, isAborted, finishReason }) => {
      const status = errorCode ? "error" : isAborted || signal.aborted ? "stopped" : "complete";
      await finishTurn({
        assistantId,
        parts: responseMessage.parts,
        status,
        errorCode,
        finishReason: finishReason ?? null,
        usage,
      }).catch((e) => console.error("[shoal] failed to save assistant message", assistantId, e));
      await meter.end({ usage, status, errorCode, prompt: [...history, userMessage], output: responseMessage.parts });
    },
    // Consume a copy of the stream so onEnd runs even when the browser goes away mid-answer.
    consumeSseStream: consumeStream,
  });
}

function hasContent(message: ChatUIMessage): boolean {
  return message.parts.length > 0;
}
