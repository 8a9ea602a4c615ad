import type { ChatUIMessage, MessageStatus } from "@/lib/chat/types";
import { parseChatExtra, type ChatExtraSettings } from "@/lib/settings/schema";

export type ForkedMessage = {
  id: string;
  parentId: string | null;
  role: string;
  parts: ChatUIMessage["parts"];
  status: Exclude<MessageStatus, "streaming">;
  model: string | null;
  errorCode: string | null;
  reasoningMs: number | null;
  createdAt: Date;
};

/**
 * The visible branch of a shared chat as a fresh linear thread: new ids (message ids are global),
 * each message following the previous one. Empty placeholders are dropped, and an answer still
 * generating in the sharer's chat arrives as interrupted, because nothing will finish the copy.
 */
export function forkThread(messages: ChatUIMessage[], newId: () => string, now = Date.now()): ForkedMessage[] {
  const kept = messages.filter((m) => m.parts.length > 0);
  let parentId: string | null = null;
  return kept.map((m, i) => {
    const status = m.metadata?.status ?? "complete";
    const forked: ForkedMessage = {
      id: newId(),
      parentId,
      role: m.role,
      parts: m.parts,
      status: status === "streaming" ? "interrupted" : status,
      model: m.metadata?.model ?? null,
      errorCode: m.metadata?.errorCode ?? null,
      reasoningMs: m.metadata?.reasoningMs ?? null,
      // Strictly increasing, so the copy loads in the same order.
      createdAt: new Date(now - kept.length + i),
    };
    parentId = forked.id;
    return forked;
  });
}

/** The shared chat's extra settings as a viewer may see or copy them: the system prompt only if the sharer included it. */
export function sharedExtra(raw: unknown, includeSystemPrompt: boolean): ChatExtraSettings {
  const extra = parseChatExtra(raw);
  return includeSystemPrompt ? extra : { ...extra, systemPrompt: "" };
}
