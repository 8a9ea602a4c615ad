"use client";
import { memo } from "react";
import { isAttachmentPart } from "@/lib/attachments/limits";
import { canContinue } from "@/lib/chat/continuation";
import type { ChatUIMessage } from "@/lib/chat/types";
import { errorMessageKey } from "@/lib/i18n";
import { useI18n } from "@/lib/i18n/client";
import { CopyButton } from "./copy-button";
import { Markdown } from "./lazy-markdown";
import { AttachmentChips } from "./attachments";
import { BranchPager, ContinueButton, EditableQuestion, RegenerateButton } from "./message-actions";
import { ReasoningPanel } from "./reasoning-panel";

export type MessageHandlers = {
  onRegenerate: (assistantId: string) => void;
  onEdit: (userMessageId: string, text: string) => void;
  onSelectBranch: (messageId: string) => void;
  onContinue: (assistantId: string) => void;
};

type Props = {
  message: ChatUIMessage;
  streaming: boolean;
  isAdmin: boolean;
  /** Whether the chat is busy (no regenerate/edit/paging while an answer streams). */
  busy: boolean;
  isLast: boolean;
  handlers: MessageHandlers;
};

export const MessageItem = memo(function MessageItem({ message, streaming, isAdmin, busy, isLast, handlers }: Props) {
  const { t } = useI18n();
  const status = message.metadata?.status;
  if (message.role === "user") {
    const text = message.parts.map((p) => (p.type === "text" ? p.text : "")).join("");
    const attached = message.parts.filter(isAttachmentPart).map((p) => p.data);
    return (
      <div className="flex flex-col items-end gap-1" data-testid="message-user" data-message-id={message.id}>
        {attached.length > 0 && (
          <div className="flex max-w-[85%] justify-end">
            <AttachmentChips attachments={attached} />
          </div>
        )}
        {text && (
        <EditableQuestion text={text} disabled={busy} onSubmit={(next) => handlers.onEdit(message.id, next)}>
          <div className="max-w-[85%] whitespace-pre-wrap rounded-2xl bg-brand-50 px-4 py-2 dark:bg-gray-800" data-testid="user-text">
            <span className="sr-only">{t("chat.you")}: </span>
            {text}
          </div>
        </EditableQuestion>
        )}
        <BranchPager branch={message.metadata?.branch} onSelect={handlers.onSelectBranch} disabled={busy} />
      </div>
    );
  }
  const reasoning = message.parts
    .filter((p) => p.type === "reasoning")
    .map((p) => (p as { text: string }).text)
    .join("");
  const reasoningStreaming = message.parts.some((p) => p.type === "reasoning" && p.state === "streaming");
  const answer = message.parts
    .filter((p) => p.type === "text")
    .map((p) => (p as { text: string }).text)
    .join("");
  return (
    <article className="flex gap-3" data-testid="message-assistant" data-message-id={message.id} data-status={status}>
      <div aria-hidden className="mt-1 flex size-7 shrink-0 items-center justify-center rounded-full bg-brand-600 text-xs font-bold text-white">
        DS
      </div>
      <div className="min-w-0 flex-1">
        <span className="sr-only">{t("chat.assistant")}:</span>
        {reasoning && (
          <ReasoningPanel text={reasoning} streaming={streaming && reasoningStreaming} durationMs={message.metadata?.reasoningMs} />
        )}
        {answer && (
          <div data-testid="answer">
            <Markdown text={answer} streaming={streaming} />
          </div>
        )}
        {answer && !streaming && (
          <div className="mt-1 flex items-center gap-1">
            <CopyButton text={answer} />
          </div>
        )}
        {streaming && !answer && !reasoning && <span className="inline-block animate-pulse text-gray-400">▍</span>}
        {status === "stopped" && <p className="mt-1 text-xs text-gray-400">{t("chat.status.stopped")}</p>}
        {status === "complete" && message.metadata?.finishReason === "length" && !streaming && (
          <p className="mt-1 text-xs text-amber-600" data-testid="message-truncated">
            {t("continue.truncated")}
          </p>
        )}
        {status === "interrupted" && (
          <p className="mt-1 text-xs text-amber-600" data-testid="message-interrupted">
            {t("chat.status.interrupted")}
          </p>
        )}
        <div className="mt-1 flex items-center gap-1">
          <BranchPager branch={message.metadata?.branch} onSelect={handlers.onSelectBranch} disabled={busy} />
          {isLast && !streaming && canContinue(message) && <ContinueButton onClick={() => handlers.onContinue(message.id)} disabled={busy} />}
          {isLast && !streaming && <RegenerateButton onClick={() => handlers.onRegenerate(message.id)} disabled={busy} />}
        </div>
        {status === "error" && (
          <p role="alert" className="mt-1 text-sm text-red-600" data-testid="message-error" data-code={message.metadata?.errorCode}>
            {t(errorMessageKey(message.metadata?.errorCode ?? undefined, isAdmin))}
          </p>
        )}
      </div>
    </article>
  );
});
