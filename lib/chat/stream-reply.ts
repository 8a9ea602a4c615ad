import "server-only";
import { convertToModelMessages, generateId, JsonToSseTransformStream, readUIMessageStream, streamText } from "ai";
import { after } from "next/server";
import type { ChatRequest } from "@/app/api/chat/schema";
import { effectiveThinking, resolveModel } from "@/lib/ai/models";
import { getDeepSeek } from "@/lib/ai/provider";
import { prepareHistoryForReplay } from "@/lib/ai/replay";
import { upstreamErrorCode } from "@/lib/ai/upstream-errors";
import { getOrCreateChat, updateChatSettings } from "@/lib/db/queries/chats";
import {
  checkpointAssistant,
  finishTurn,
  listMessageTree,
  messageIdTaken,
  startTurn,
  toVisible,
  type ChatUIMessage,
  type MessageUsage,
} from "@/lib/db/queries/messages";
import type { AppUser } from "@/lib/db/queries/users";
import { AppError } from "@/lib/errors";
import { startMeter } from "@/lib/usage/meter";
import { pathTo, visibleBranch } from "./branches";
import { generations } from "./generations/registry";
import { sseResponse } from "./generations/sse";
import { titleFromText } from "./title";
import { usageFromSdk } from "./usage";

// Progress is written at most this often while an answer streams (plus a heartbeat when idle).
const CHECKPOINT_MS = 1_000;
const HEARTBEAT_EVERY = 10;

/**
 * One chat turn: ownership, persistence of the question, then a server-owned generation that runs
 * to its end even if the browser goes away (only Stop or shutdown abort it). Progress is
 * checkpointed at a bounded rate and the answer is saved however it ends: complete, stopped,
 * error (with a code) or interrupted (server shutdown). Writes per turn are O(seconds), never per token.
 */
export async function streamChatReply({ user, input }: { user: AppUser; input: ChatRequest }): Promise<Response> {
  if (generations.draining) throw new AppError("offline:chat");
  const resolved = resolveModel(input.model);
  if (!resolved) throw new AppError("bad_request:model", { model: input.model });
  const deepseek = getDeepSeek();
  const thinking = effectiveThinking(resolved, input.thinking);
  const reasoningEffort = thinking && resolved.model.supportsEffort ? (input.reasoningEffort ?? null) : null;
  const question = input.trigger === "submit-message" ? input.message : undefined;
  const text = question ? question.parts.map((p) => p.text).join("\n") : "";

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

  // Where the new answer goes in the tree, and the path DeepSeek sees as the conversation.
  const tree = await listMessageTree({ chatId: chat.id });
  const anchorId =
    input.trigger === "regenerate-message"
      ? input.regenerateId
      : input.parentId !== undefined
        ? input.parentId
        : (visibleBranch(tree, chat.activeLeafId).at(-1)?.id ?? null);
  const anchor = anchorId ? tree.find((m) => m.id === anchorId) : undefined;
  if (anchorId && !anchor) throw new AppError("bad_request:chat", { reason: "unknown_parent" });
  if (!question && anchor?.role !== "user") throw new AppError("bad_request:chat", { reason: "regenerate_needs_question" });
  if (question && (await messageIdTaken({ id: question.id }))) throw new AppError("bad_request:chat", { reason: "message_id_taken" });
  const history = toVisible(visibleBranch(anchorId ? pathTo(tree, anchorId) : [], anchorId)).filter(hasContent);
  // Budgets and stream limits are checked here, before DeepSeek is called (throws quota:* when over).
  const meter = await startMeter({ user, source: "chat", model: resolved.model.id, chatId: chat.id });

  const assistantId = generateId();
  const createdAt = new Date().toISOString();
  const userMessage: ChatUIMessage | undefined = question && {
    id: question.id,
    role: "user",
    parts: question.parts,
    metadata: { status: "complete", createdAt },
  };
  await startTurn({
    chatId: chat.id,
    userMessage: userMessage && { id: userMessage.id, parts: userMessage.parts },
    assistantId,
    model: resolved.model.id,
    parentId: anchorId,
  });
  const conversation = userMessage ? [...history, userMessage] : history;

  let errorCode: string | undefined;
  let usage: MessageUsage | undefined;
  const controller = new AbortController();
  const result = streamText({
    model: deepseek(resolved.model.id),
    messages: await convertToModelMessages(prepareHistoryForReplay(conversation)),
    abortSignal: controller.signal,
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

  let latestParts: unknown;
  let dirty = false;
  let ticks = 0;
  const checkpoints = setInterval(() => {
    ticks++;
    if (dirty) {
      dirty = false;
      void checkpointAssistant({ assistantId, parts: latestParts }).catch(logCheckpointError);
    } else if (ticks % HEARTBEAT_EVERY === 0) {
      void checkpointAssistant({ assistantId }).catch(logCheckpointError);
    }
  }, CHECKPOINT_MS);

  const uiStream = result.toUIMessageStream<ChatUIMessage>({
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
      clearInterval(checkpoints);
      const aborted = isAborted || controller.signal.aborted;
      const status = errorCode
        ? "error"
        : aborted
          ? controller.signal.reason === "shutdown"
            ? "interrupted"
            : "stopped"
          : "complete";
      await finishTurn({
        assistantId,
        parts: responseMessage.parts,
        status,
        errorCode,
        finishReason: finishReason ?? null,
        usage,
      }).catch((e) => console.error("[shoal] failed to save assistant message", assistantId, e));
      await meter.end({ usage, status, errorCode, prompt: conversation, output: responseMessage.parts });
    },
  });
  const [forClients, forCheckpoints] = uiStream.tee();
  void (async () => {
    for await (const message of readUIMessageStream<ChatUIMessage>({ stream: forCheckpoints })) {
      latestParts = message.parts;
      dirty = true;
    }
  })().catch(() => {});

  const running = generations.run({
    id: assistantId,
    chatId: chat.id,
    userId: user.id,
    controller,
    sse: forClients.pipeThrough(new JsonToSseTransformStream()),
  });
  // Serverless hosts keep the function alive until the answer is saved, even if the tab closes.
  after(running.done);
  return sseResponse(running.buffer.stream());
}

function logCheckpointError(e: unknown) {
  console.error("[shoal] checkpoint failed", e);
}

function hasContent(message: ChatUIMessage): boolean {
  return message.parts.length > 0;
}
