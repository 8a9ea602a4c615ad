import { isAttachmentPart } from "@/lib/attachments/limits";
import { SHOAL_FORMAT, SHOAL_FORMAT_VERSION, type ShoalChat, type ShoalMessage } from "./format";

// Writes the Shoal format piece by piece, so an export of any size is a stream of small strings.
// Key order is fixed (the one in format.ts), which keeps exports of the same data byte-identical.

export type ExportChatRow = Omit<ShoalChat, "messages" | "createdAt" | "updatedAt"> & { createdAt: Date; updatedAt: Date };
export type ExportMessageRow = Omit<ShoalMessage, "createdAt" | "updatedAt" | "usage"> & {
  createdAt: Date;
  updatedAt: Date;
  inputCacheHitTokens: number | null;
  inputCacheMissTokens: number | null;
  outputTokens: number | null;
  reasoningTokens: number | null;
};

export function fileHeader(exportedAt: Date, extra: Record<string, unknown> = {}): string {
  const head = { format: SHOAL_FORMAT, version: SHOAL_FORMAT_VERSION, exportedAt: exportedAt.toISOString(), ...extra };
  return `${JSON.stringify(head).slice(0, -1)},"chats":[`;
}
export const FILE_FOOTER = "]}\n";

export function chatOpen(chat: ExportChatRow): string {
  const head = {
    id: chat.id,
    title: chat.title,
    titleSource: chat.titleSource,
    model: chat.model,
    thinking: chat.thinking,
    reasoningEffort: chat.reasoningEffort,
    settings: chat.settings,
    createdAt: chat.createdAt.toISOString(),
    updatedAt: chat.updatedAt.toISOString(),
    ...(chat.activeLeafId ? { activeLeafId: chat.activeLeafId } : {}),
  };
  return `\n${JSON.stringify(head).slice(0, -1)},"messages":[`;
}
export const CHAT_CLOSE = "]}";

export function messageJson(m: ExportMessageRow): string {
  const out: ShoalMessage = {
    id: m.id,
    parentId: m.parentId,
    role: m.role,
    parts: m.parts,
    model: m.model,
    status: m.status,
    errorCode: m.errorCode,
    finishReason: m.finishReason,
    usage: {
      inputCacheHitTokens: m.inputCacheHitTokens,
      inputCacheMissTokens: m.inputCacheMissTokens,
      outputTokens: m.outputTokens,
      reasoningTokens: m.reasoningTokens,
    },
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
  return `\n${JSON.stringify(out)}`;
}

export type MarkdownLabels = { you: string; assistant: string; system: string; reasoning: string; model: string; created: string };

export function markdownHeader(chat: ExportChatRow, labels: MarkdownLabels): string {
  return `# ${chat.title.replace(/\n/g, " ")}\n\n${labels.model}: ${chat.model} · ${labels.created}: ${chat.createdAt.toISOString()}\n`;
}

export function markdownMessage(m: Pick<ExportMessageRow, "role" | "parts" | "createdAt">, labels: MarkdownLabels, withReasoning: boolean): string {
  const who = m.role === "user" ? labels.you : m.role === "assistant" ? labels.assistant : labels.system;
  let out = `\n---\n\n### ${who}\n\n`;
  for (const part of m.parts) {
    if (part.type === "reasoning" && withReasoning && typeof part.text === "string" && part.text.trim()) {
      const quoted = part.text.trim().split("\n").map((line) => (line ? `> ${line}` : ">")).join("\n");
      out += `<details>\n<summary>${labels.reasoning}</summary>\n\n${quoted}\n\n</details>\n\n`;
    } else if (part.type === "text" && typeof part.text === "string") {
      out += `${part.text.trim()}\n\n`;
    } else if (isAttachmentPart(part)) {
      // A fence longer than any backtick run inside the file keeps its content verbatim.
      const fence = "`".repeat(Math.max(3, ...[...part.data.text.matchAll(/`+/g)].map((r) => r[0].length + 1)));
      out += `📎 ${part.data.name}\n\n${fence}\n${part.data.text.replace(/\n$/, "")}\n${fence}\n\n`;
    }
  }
  return out;
}
