import type { UIMessage } from "ai";

/**
 * DeepSeek's reasoning replay rule (deepseek-api.md §4): reasoning from an earlier turn is ignored
 * (V4) or rejected with 400 (R1 era) unless that assistant turn made tool calls, in which case it
 * must be sent back. So: keep reasoning only on assistant messages after the last user message or
 * on ones that called tools; drop it elsewhere (it would also cost input tokens for nothing).
 */
export function prepareHistoryForReplay(messages: UIMessage[]): UIMessage[] {
  const lastUser = messages.findLastIndex((m) => m.role === "user");
  return messages.map((message, index) => {
    if (message.role !== "assistant" || index > lastUser) return message;
    const calledTools = message.parts.some((p) => p.type.startsWith("tool-") || p.type === "dynamic-tool");
    if (calledTools) return message;
    const parts = message.parts.filter((p) => p.type !== "reasoning");
    return parts.length === message.parts.length ? message : { ...message, parts };
  });
}

/** Text of a message's answer parts, without reasoning. */
export function messageText(message: Pick<UIMessage, "parts">): string {
  return message.parts
    .filter((p): p is { type: "text"; text: string } => p.type === "text")
    .map((p) => p.text)
    .join("");
}
