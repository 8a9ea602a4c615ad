import "server-only";
import { convertToModelMessages, generateId, type UIMessageChunk } from "ai";
import { after } from "next/server";
import type { ChatRequest } from "@/app/api/chat/schema";
import { openAnswer, relayAnswer, toProviderPrompt, type CallOptions, type OpenedAnswer } from "@/lib/ai/answer-stream";
import { effectiveThinking, resolveModel } from "@/lib/ai/models";
import { getDeepSeek } from "@/lib/ai/provider";
import type { UpstreamEvent } from "@/lib/ai/upstream-fetch";
import { prepareHistoryForReplay } from "@/lib/ai/replay";
import { upstreamErrorCode } from "@/lib/ai/upstream-errors";
import { findOwnedChat, getChatOrThrow, type ChatRecord } from "@/lib/db/queries/chats";
import {
  finishTurn,
  listMessageTree,
  reopenAssistant,
  startChatWithTurn,
  startTurn,
  toVisible,
  type ChatUIMessage,
  type MessageUsage,
} from "@/lib/db/queries/messages";
import type { AppUser } from "@/lib/db/queries/users";
import { AppError } from "@/lib/errors";
import { startMeter } from "@/lib/usage/meter";
import { getUserPrefsFor } from "@/lib/auth/session";
import { parseChatExtra, parseUserPrefs } from "@/lib/settings/schema";
import { attachmentToModelPart, prepareQuestionParts, withAttachmentText } from "@/lib/attachments/context";
import { isAttachmentPart } from "@/lib/attachments/limits";
import { autoTitleChat } from "./auto-title";
import { pathTo, visibleBranch } from "./branches";
import { addUsage, continuationTarget, mergeContinuation, prefixChunks, prefixMessage } from "./continuation";
import { checkpoints } from "./generations/checkpoints";
import { generations, type Push } from "./generations/registry";
import { sseResponse } from "./generations/sse";
import { PartsAccumulator } from "./parts-accumulator";
import { createReasoningClock } from "./reasoning-clock";
import { generationOptions } from "./settings";
import { titleFromText } from "./title";
import { usageFromProvider } from "./usage";

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
  // Queueing (keep-alives) and retries before the first token are shown to the user live.
  const upstreamEvents: UpstreamEvent[] = [];
  let onUpstream: ((event: UpstreamEvent) => void) | undefined;
  // "Continue" uses DeepSeek's chat prefix completion, which lives on the beta base URL.
  const deepseek = getDeepSeek({
    onUpstreamEvent: (event) => (onUpstream ? onUpstream(event) : upstreamEvents.push(event)),
    beta: input.trigger === "continue-message",
  });
  const thinking = effectiveThinking(resolved, input.thinking);
  const reasoningEffort = thinking && resolved.model.supportsEffort ? (input.reasoningEffort ?? null) : null;
  // Attachments are checked (limits, text only) and put before the question's text.
  const question = input.trigger === "submit-message" ? { ...input.message, parts: prepareQuestionParts(input.message.parts) } : undefined;
  const text = question ? question.parts.map((p) => (p.type === "text" ? p.text : "")).join("\n") : "";
  // A question that is only attachments is titled after its first file.
  const titleSource = text.trim() ? text : (question?.parts.find(isAttachmentPart)?.data.name ?? "");

  // Read-only checks first (ownership: someone else's chat is a 404), with the budget and limits
  // checked alongside (throws quota:* / rate_limit:* when refused). Nothing is written until both
  // have admitted the request, so a refusal never leaves an empty chat; a request that is refused
  // for both reasons gets the chat's error.
  const [read, metered] = await Promise.allSettled([
    readTurn({ input, user, hasQuestion: Boolean(question) }),
    startMeter({ user, source: "chat", model: resolved.model.id, chatId: input.id }),
  ]);
  if (read.status === "rejected") {
    if (metered.status === "fulfilled") await metered.value.cancel();
    throw read.reason;
  }
  if (metered.status === "rejected") throw metered.reason;
  const meter = metered.value;
  const { existing, continuing, anchorId, history, prefsRaw } = read.value;
  const assistantId = continuing?.id ?? generateId();
  const createdAt = continuing?.metadata?.createdAt ?? new Date().toISOString();
  const userMessage: ChatUIMessage | undefined = question && {
    id: question.id,
    role: "user",
    parts: question.parts,
    metadata: { status: "complete", createdAt },
  };
  const conversation = userMessage ? [...history, userMessage] : history;
  const newChatSettings = input.trigger === "submit-message" && input.extra ? parseChatExtra(input.extra) : undefined;

  const prefs = parseUserPrefs(prefsRaw);
  const callFor = async (chatSettings: unknown, signal: AbortSignal): Promise<CallOptions> => {
    // Custom instructions, the chat's system prompt, temperature (thinking off only), output cap.
    const { system, ...settings } = generationOptions({
      chat: parseChatExtra(chatSettings),
      customInstructions: prefs.customInstructions,
      thinking,
      modelMaxOutputTokens: resolved.model.maxOutputTokens,
    });
    return {
      ...settings,
      // Attachments reach the model as <file name="…"> blocks; a continuation ends with the answer so far.
      prompt: toProviderPrompt(system, [
        ...(await convertToModelMessages(prepareHistoryForReplay(conversation), { convertDataPart: attachmentToModelPart })),
        ...(continuing ? [prefixMessage(continuing.parts)] : []),
      ]),
      abortSignal: signal,
      // Retries of 429/503 happen in the provider's fetch (lib/ai/upstream-fetch.ts), only before the
      // first token and visibly.
      providerOptions: {
        // A continuation extends the answer text, so it runs with thinking off (see README, "Continue").
        deepseek: continuing
          ? { thinking: { type: "disabled" } }
          : { thinking: { type: thinking ? "enabled" : "disabled" }, ...(reasoningEffort ? { reasoningEffort } : {}) },
      },
    };
  };
  // DeepSeek is asked now, once the request is admitted, and the turn is written while the request
  // is on its way: the writes no longer delay the first token. Nothing is relayed before they have
  // committed; if they fail, the request is cancelled before it is relayed.
  let controller = new AbortController();
  const model = deepseek(resolved.model.id);
  const assumedSettings = existing ? existing.settings : newChatSettings;
  let answer: OpenedAnswer;
  try {
    answer = openAnswer(model, await callFor(assumedSettings, controller.signal));
  } catch (e) {
    await meter.cancel();
    throw e;
  }

  // The writes take the SQLite connection (and a continuation's transaction makes the main thread
  // wait for each statement, lib/db/sqlite-thread.ts): one turn of the event loop first lets the
  // request go out.
  await new Promise((resolve) => setImmediate(resolve));

  // The writes: a new chat is created together with its first turn (one transaction); an existing
  // one gets the turn, and the request's model settings in the same UPDATE that moves it up.
  // A question id that is already taken is refused here (bad_request:chat), with nothing written.
  const chatModel = { model: resolved.model.id, thinking, reasoningEffort };
  const turn = { userMessage: userMessage && { id: userMessage.id, parts: userMessage.parts }, assistantId, model: resolved.model.id };
  let chat: ChatRecord;
  let started: ChatRecord | null = null;
  try {
    started =
      !existing && userMessage && anchorId === null
        ? await startChatWithTurn({
            chat: { id: input.id, userId: user.id, title: titleFromText(titleSource), ...chatModel, settings: newChatSettings },
            ...turn,
          })
        : null;
    // null: an existing chat, or the new chat's id was taken meanwhile (someone else's is a 404).
    chat = started ?? existing ?? (await getChatOrThrow({ id: input.id, userId: user.id }));
    if (!started) {
      const changed = chat.model !== chatModel.model || chat.thinking !== thinking || chat.reasoningEffort !== reasoningEffort;
      const chatSettings = changed ? chatModel : undefined;
      if (continuing) {
        if (!(await reopenAssistant({ chatId: chat.id, assistantId, chatSettings }))) {
          throw new AppError("bad_request:chat", { reason: "cannot_continue" });
        }
      } else await startTurn({ chatId: chat.id, chatSettings, ...turn, parentId: anchorId });
    }
  } catch (e) {
    controller.abort();
    await meter.cancel();
    throw e;
  }
  // The chat was created by another request of this user meanwhile, with other settings: ask again
  // with that chat's settings.
  if (!existing && !started && JSON.stringify(chat.settings ?? null) !== JSON.stringify(assumedSettings ?? null)) {
    controller.abort();
    controller = new AbortController();
    answer = openAnswer(model, await callFor(chat.settings, controller.signal));
  }


  let errorCode: string | undefined;
  let usage: MessageUsage | undefined;
  const clock = createReasoningClock();
  // A continuation's new parts are stored appended to the answer's old ones.
  const assemble = (parts: unknown) => (continuing ? mergeContinuation(continuing.parts, (parts ?? []) as ChatUIMessage["parts"]) : parts);
  const reasoningMs = () => (continuing ? (continuing.metadata?.reasoningMs ?? null) : clock.ms());
  // The answer so far, built from the chunks as they are relayed (one pass, no copy per token).
  const progress = new PartsAccumulator();
  // Checkpointed by the process-wide timer (generations/checkpoints.ts) until the answer ends.
  checkpoints.add(assistantId, { version: () => progress.version, parts: () => assemble(progress.snapshot()) });

  // Saved exactly once, however the answer ends.
  let finalized = false;
  const finalize = async ({ parts, aborted, finishReason }: { parts: unknown; aborted: boolean; finishReason?: string }) => {
    if (finalized) return;
    finalized = true;
    checkpoints.remove(assistantId);
    const status = errorCode ? "error" : aborted ? (controller.signal.reason === "shutdown" ? "interrupted" : "stopped") : "complete";
    await finishTurn({
      assistantId,
      parts: assemble(parts),
      status,
      errorCode,
      finishReason: finishReason ?? null,
      usage: continuing ? addUsage(continuing.metadata?.usage, usage) : usage,
      reasoningMs: reasoningMs(),
    }).catch((e) =>
      console.error("[shoal] failed to save assistant message", assistantId, e),
    );
    const prompt = [...withAttachmentText(conversation), ...(continuing ? [{ parts: continuing.parts.filter((p) => p.type === "text") }] : [])];
    await meter.end({ usage, status, errorCode, prompt, output: parts as unknown[] });
    // After the first exchange, a short title generated with thinking off (a hand-made title wins).
    if (question && history.length === 0 && status === "complete") {
      const answer = (parts as Array<{ type: string; text?: string }>).filter((p) => p.type === "text").map((p) => p.text).join("");
      void autoTitleChat({ chatId: chat.id, question: titleSource, answer }).catch((e) => console.error("[shoal] auto title failed", e));
    }
  };

  // The answer streams from the provider straight into the answer's buffer as UI message chunks
  // (lib/ai/answer-stream.ts). However it ends (finished, stopped, DeepSeek dropping mid-answer, the
  // idle timeout), it is saved once with what arrived, so the tokens already shown are never lost.
  // Chunks are framed as SSE here, once per answer, whatever number of clients follow it.
  // Tokens after the answer's first may be batched into fewer writes while the server is busy
  // (generations/pacer.ts); everything else is sent at once.
  const produce = async (push: Push) => {
    let tokens = 0;
    const send = (chunk: UIMessageChunk) =>
      push(`data: ${JSON.stringify(chunk)}\n\n`, (chunk.type === "text-delta" || chunk.type === "reasoning-delta") && tokens++ > 0);
    // 80 % of a budget: a notice in the chat (transient: not stored with the answer).
    if (meter.warning) send({ type: "data-budget", data: meter.warning, transient: true });
    // A continuation's stream starts with the answer so far (its own start chunk replaces the relay's).
    if (continuing) for (const chunk of prefixChunks(continuing.parts, assistantId, { ...continuing.metadata!, status: "streaming" })) send(chunk);
    try {
      const relaying = relayAnswer({
        answer,
        messageId: assistantId,
        startMetadata: { status: "streaming", model: resolved.model.id, createdAt },
        finishMetadata: ({ finishReason, usage: reported }) => {
          usage = usageFromProvider(reported);
          const total = continuing ? addUsage(continuing.metadata?.usage, usage) : usage;
          return { status: "complete", model: resolved.model.id, createdAt, usage: total, finishReason, reasoningMs: reasoningMs() };
        },
        errorText: (error) => (errorCode ??= upstreamErrorCode(error)),
        send: (chunk) => {
          progress.push(chunk);
          if (!(continuing && chunk.type === "start")) send(chunk);
        },
        onPart: (type) => clock.observe(type),
      });
      // The relay has sent its start chunks (synchronously, before it awaits DeepSeek): upstream
      // notices that arrived while the request was opening follow them, then arrive as they happen.
      onUpstream = (event) => send({ type: "data-upstream", data: event, transient: true });
      for (const event of upstreamEvents.splice(0)) onUpstream(event);
      const end = await relaying;
      if (end.outcome === "failed") {
        errorCode ??= upstreamErrorCode(end.error);
        send({ type: "error", errorText: errorCode });
        send({ type: "finish", finishReason: "error" });
      }
      await finalize({
        parts: progress.snapshot(),
        aborted: end.outcome === "aborted" || controller.signal.aborted,
        finishReason: end.outcome === "finished" ? end.finishReason : end.outcome === "failed" ? "error" : undefined,
      });
    } finally {
      onUpstream = undefined;
      checkpoints.remove(assistantId);
    }
    push("data: [DONE]\n\n");
  };

  const running = generations.run({
    id: assistantId,
    chatId: chat.id,
    userId: user.id,
    controller,
    produce,
  });
  // Serverless hosts keep the function alive until the answer is saved, even if the tab closes.
  after(running.done);

  return sseResponse(running.buffer.stream());
}

/**
 * The reads a turn needs before anything is written: the chat (null for a new one), where the new
 * answer goes in its tree, the conversation DeepSeek sees, and the user's preferences.
 */
async function readTurn({ input, user, hasQuestion }: { input: ChatRequest; user: AppUser; hasQuestion: boolean }) {
  const existing = await findOwnedChat({ id: input.id, userId: user.id });
  const [tree, prefsRaw] = await Promise.all([existing ? listMessageTree({ chatId: existing.id }) : [], getUserPrefsFor(user)]);
  const continuing = input.trigger === "continue-message" ? continuationTarget(tree, input.continueId) : undefined;
  const anchorId =
    input.trigger === "regenerate-message"
      ? input.regenerateId
      : continuing
        ? continuing.parentId
        : input.trigger === "submit-message" && input.parentId !== undefined
          ? input.parentId
          : (visibleBranch(tree, existing?.activeLeafId ?? null).at(-1)?.id ?? null);
  const anchor = anchorId ? tree.find((m) => m.id === anchorId) : undefined;
  if (anchorId && !anchor) throw new AppError("bad_request:chat", { reason: "unknown_parent" });
  if (!hasQuestion && anchor?.role !== "user") throw new AppError("bad_request:chat", { reason: "regenerate_needs_question" });
  const history = toVisible(visibleBranch(anchorId ? pathTo(tree, anchorId) : [], anchorId)).filter(hasContent);
  return { existing, continuing, anchorId, history, prefsRaw };
}

function hasContent(message: ChatUIMessage): boolean {
  return message.parts.length > 0;
}
