import type { ModelMessage, UIMessageChunk } from "ai";
import { AppError } from "@/lib/errors";
import { childrenIndex } from "./branches";
import type { ChatUIMessage, MessageUsage, StoredMessageMeta } from "./types";

// "Continue" for an answer cut by the output-token limit or stopped: the same message grows through
// DeepSeek's chat prefix completion (beta base URL, last message `{role:"assistant", content, prefix:true}`).

type Part = ChatUIMessage["parts"][number];

/** Whether an answer can be continued: it ended at the token limit, or was stopped or interrupted. */
export function canContinue(message: Pick<ChatUIMessage, "role" | "metadata">): boolean {
  const meta = message.metadata;
  if (message.role !== "assistant" || !meta) return false;
  if (meta.status === "complete") return meta.finishReason === "length";
  return meta.status === "stopped" || meta.status === "interrupted";
}

/** The answer to continue: it must exist, be continuable and have no replies yet. */
export function continuationTarget<T extends ChatUIMessage & { parentId: string | null; createdAt: Date | string }>(tree: readonly T[], id: string): T {
  const target = tree.find((m) => m.id === id);
  if (!target || !target.parentId || !canContinue(target) || (childrenIndex(tree).get(id)?.length ?? 0) > 0) {
    throw new AppError("bad_request:chat", { reason: "cannot_continue" });
  }
  return target;
}

export function answerText(parts: readonly Part[]): string {
  return parts.map((p) => (p.type === "text" ? p.text : "")).join("");
}

/** The last message sent to DeepSeek: the answer so far, to be continued (not repeated) by the model. */
export function prefixMessage(parts: readonly Part[]): ModelMessage {
  return {
    role: "assistant",
    content: [{ type: "text", text: answerText(parts) }],
    providerOptions: { deepseek: { prefix: true } },
  };
}

/**
 * The stored answer replayed at the start of the continuation's stream, so a client (or a reload
 * that resumes the stream) sees one message: the old text, then the new tokens.
 */
export function prefixChunks(parts: readonly Part[], messageId: string, metadata: StoredMessageMeta): UIMessageChunk[] {
  const reasoning = parts.map((p) => (p.type === "reasoning" ? p.text : "")).join("");
  const text = answerText(parts);
  return [
    { type: "start", messageId, messageMetadata: metadata },
    ...(reasoning
      ? ([
          { type: "reasoning-start", id: "prefix-reasoning" },
          { type: "reasoning-delta", id: "prefix-reasoning", delta: reasoning },
          { type: "reasoning-end", id: "prefix-reasoning" },
        ] as UIMessageChunk[])
      : []),
    ...(text
      ? ([
          { type: "text-start", id: "prefix-text" },
          { type: "text-delta", id: "prefix-text", delta: text },
          { type: "text-end", id: "prefix-text" },
        ] as UIMessageChunk[])
      : []),
  ];
}

/** Stored parts after a continuation: new text is appended to the last text part (one seamless answer). */
export function mergeContinuation(old: readonly Part[], added: readonly Part[]): Part[] {
  const out = [...old];
  for (const part of added) {
    if (part.type === "step-start") continue;
    const last = out.at(-1);
    if (part.type === "text" && last?.type === "text") out[out.length - 1] = { ...last, text: last.text + part.text, state: part.state };
    else out.push(part);
  }
  return out;
}

/** An answer's usage after a continuation: both requests' tokens. */
export function addUsage(a: MessageUsage | undefined, b: MessageUsage | undefined): MessageUsage | undefined {
  if (!a) return b;
  if (!b) return a;
  const sum = (x?: number | null, y?: number | null) => (x == null && y == null ? null : (x ?? 0) + (y ?? 0));
  return {
    inputCacheHitTokens: sum(a.inputCacheHitTokens, b.inputCacheHitTokens),
    inputCacheMissTokens: sum(a.inputCacheMissTokens, b.inputCacheMissTokens),
    outputTokens: sum(a.outputTokens, b.outputTokens),
    reasoningTokens: sum(a.reasoningTokens, b.reasoningTokens),
  };
}
