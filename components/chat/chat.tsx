"use client";
import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport } from "ai";
import { useMemo, useRef, useState } from "react";
import { ATTACHMENT_PART, type Attachment, isAttachmentPart } from "@/lib/attachments/limits";
import type { ChatSettings, ChatUIMessage, PublicModel } from "@/lib/chat/types";
import type { ChatExtraSettings } from "@/lib/settings/schema";
import { BudgetRefusalText, BudgetWarningNotice, budgetRefusalOf } from "@/components/usage/budget-notice";
import { errorMessageKey } from "@/lib/i18n";
import type { BudgetWarning } from "@/lib/usage/budget-math";
import { useI18n } from "@/lib/i18n/client";
import { Composer } from "./composer";
import { MarkdownWarmup } from "./lazy-markdown";
import { ConfigNotice } from "./config-notice";
import { ChatSettingsButton } from "./chat-settings";
import { MessageItem, type MessageHandlers } from "./message-item";
import { MessageList } from "./message-list";
import { ModelPicker } from "./model-picker";
import { CHATS_CHANGED_EVENT } from "./sidebar";
import { ShareButton } from "@/components/sharing/share-dialog";
import { PresetPicker, type PresetOption } from "@/components/presets/preset-picker";

type UpstreamStatus = { type: "waiting" | "retrying" | "streaming"; attempt?: number; maxRetries?: number };

type Props = {
  id: string;
  initialMessages: ChatUIMessage[];
  initialSettings: ChatSettings;
  models: PublicModel[];
  configured: boolean;
  isAdmin: boolean;
  /** New chats: the presets to start from, the one chosen, and its stored settings. */
  presets?: PresetOption[];
  presetId?: string | null;
  initialExtra?: ChatExtraSettings;
};

/** A stable error code from a failed request (JSON `{error:{code}}`) or an in-stream error part. */
function errorCodeOf(error: Error | undefined): string | undefined {
  if (!error) return undefined;
  try {
    const body = JSON.parse(error.message) as { error?: { code?: string } };
    if (body.error?.code) return body.error.code;
  } catch {
    // not JSON: an in-stream error carries the code as its text
  }
  return /^[a-z_]+:[a-z]+$/.test(error.message) ? error.message : undefined;
}

export function Chat({ id, initialMessages, initialSettings, models, configured, isAdmin, presets, presetId, initialExtra }: Props) {
  const { t } = useI18n();
  const [settings, setSettings] = useState(initialSettings);
  const [upstream, setUpstream] = useState<UpstreamStatus | null>(null);
  const [budgetWarning, setBudgetWarning] = useState<BudgetWarning | null>(null);
  const settingsRef = useRef(settings);
  settingsRef.current = settings;
  // System prompt / temperature / output cap chosen before the first message travel with it.
  const pendingExtra = useRef<ChatExtraSettings | undefined>(initialExtra);

  const [transport] = useState(
    () =>
      new DefaultChatTransport<ChatUIMessage>({
        api: "/api/chat",
        // The server owns the history: send only the new message, where it goes in the message
        // tree (after the message before it; an earlier one when editing), and the chat's settings.
        prepareSendMessagesRequest: ({ id: chatId, messages, trigger, body }) => ({
          body:
            // "Continue" travels as a regenerate of the answer (useChat then rebuilds it from the stream).
            trigger === "regenerate-message" && typeof body?.continueId === "string"
              ? { trigger: "continue-message", id: chatId, continueId: body.continueId, ...settingsRef.current }
              : trigger === "regenerate-message"
              ? { trigger, id: chatId, regenerateId: messages.at(-1)?.id, ...settingsRef.current }
              : {
                  trigger,
                  id: chatId,
                  message: messages.at(-1),
                  parentId: messages.at(-2)?.id ?? null,
                  ...settingsRef.current,
                  ...(messages.length === 1 && pendingExtra.current ? { extra: pendingExtra.current } : {}),
                },
        }),
      }),
  );
  const { messages, sendMessage, regenerate, setMessages, status, stop, error } = useChat<ChatUIMessage>({
    id,
    messages: initialMessages,
    transport,
    // An answer still generating on the server (reload, another tab, another device): follow it live.
    resume: initialMessages.at(-1)?.metadata?.status === "streaming",
    throttle: 50,
    // "DeepSeek is busy" while the API queues the request (keep-alives) or Shoal retries a 429/503.
    onData: (part) => {
      if (part.type === "data-upstream") setUpstream(part.data as UpstreamStatus);
      // 80 % of a budget used (sent before the answer, not stored with it).
      if (part.type === "data-budget") setBudgetWarning(part.data as BudgetWarning);
    },
    onFinish: () => {
      setUpstream(null);
      window.dispatchEvent(new Event(CHATS_CHANGED_EVENT));
      void refreshBranch();
    },
    onError: () => window.dispatchEvent(new Event(CHATS_CHANGED_EVENT)),
  });
  const busy = status === "submitted" || status === "streaming";

  // Sibling counts (`< 2/3 >`) come from the server once an answer is saved.
  const refreshBranch = async () => {
    const res = await fetch(`/api/chats/${id}`, { cache: "no-store" });
    if (res.ok) setMessages(((await res.json()) as { messages: ChatUIMessage[] }).messages);
  };
  const latest = useRef({ messages, setMessages, sendMessage, regenerate });
  latest.current = { messages, setMessages, sendMessage, regenerate };
  const handlers: MessageHandlers = useMemo(
    () => ({
      onRegenerate: (assistantId) => void latest.current.regenerate({ messageId: assistantId }),
      onEdit: (userMessageId, text) => {
        const { messages: current, setMessages: set, sendMessage: send } = latest.current;
        const index = current.findIndex((m) => m.id === userMessageId);
        if (index < 0) return;
        // The edited question keeps its attachments.
        const attached = current[index].parts.filter(isAttachmentPart);
        set(current.slice(0, index));
        void send({ parts: [...attached, { type: "text", text }] });
      },
      onContinue: (assistantId) => void latest.current.regenerate({ messageId: assistantId, body: { continueId: assistantId } }),
      onSelectBranch: async (messageId) => {
        const res = await fetch(`/api/chats/${id}/branch`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ messageId }),
        });
        if (res.ok) latest.current.setMessages(((await res.json()) as { messages: ChatUIMessage[] }).messages);
      },
    }),
    [id],
  );

  const send = (text: string, attachments: Attachment[]) => {
    if (messages.length === 0) window.history.replaceState(null, "", `/chat/${id}`);
    void sendMessage({
      parts: [
        ...attachments.map((data) => ({ type: ATTACHMENT_PART, data })),
        ...(text.trim() ? [{ type: "text" as const, text }] : []),
      ],
    });
  };

  // Stop is a server-side action (the answer belongs to the server); the stream then ends by itself.
  const stopAnswer = async () => {
    try {
      await fetch(`/api/chat/${id}/stop`, { method: "POST" });
    } finally {
      void stop();
    }
  };

  const code = errorCodeOf(error);
  const refusal = budgetRefusalOf(error);

  return (
    <div className="flex h-full min-h-0 flex-col">
      <header className="flex items-center justify-between gap-2 border-b border-gray-200 py-2 pl-12 pr-4 md:pl-4 dark:border-gray-800">
        <div className="flex min-w-0 items-center gap-2">
          <ModelPicker models={models} settings={settings} onChange={setSettings} disabled={busy} />
          {messages.length === 0 && presets && presets.length > 0 && <PresetPicker presets={presets} value={presetId ?? null} />}
        </div>
        <div className="flex items-center gap-1">
          {messages.length > 0 && <ShareButton chatId={id} />}
          <ChatSettingsButton chatId={id} exists={messages.length > 0} models={models} settings={settings} onChange={setSettings} disabled={busy} onPendingExtra={(extra) => (pendingExtra.current = extra)} initialExtra={initialExtra} />
        </div>
      </header>
      <MessageList
        messages={messages}
        busy={busy}
        renderItem={(m, streaming) => (
          <MessageItem
            message={m}
            isAdmin={isAdmin}
            streaming={streaming}
            busy={busy}
            isLast={m === messages.at(-1)}
            handlers={handlers}
          />
        )}
        before={
          <>
            {!configured && <ConfigNotice isAdmin={isAdmin} />}
            {configured && messages.length === 0 && (
              <p className="mt-24 text-center text-2xl font-semibold text-gray-400">{t("chat.welcome")}</p>
            )}
          </>
        }
        after={
          <>
            {status === "submitted" && <span className="ml-10 inline-block animate-pulse text-gray-400">▍</span>}
            {busy && upstream && upstream.type !== "streaming" && (
              <p role="status" data-testid="upstream-status" className="ml-10 text-sm text-amber-600">
                {upstream.type === "retrying"
                  ? t("upstream.retrying", { attempt: upstream.attempt ?? 1, max: upstream.maxRetries ?? 1 })
                  : t("upstream.waiting")}
              </p>
            )}
            {budgetWarning && !error && <BudgetWarningNotice warning={budgetWarning} />}
            {error && (
              <p role="alert" data-testid="chat-error" data-code={code} className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300">
                {refusal ? <BudgetRefusalText detail={refusal} /> : t(errorMessageKey(code, isAdmin))}
              </p>
            )}
          </>
        }
      />
      <div className="mx-auto w-full max-w-3xl px-4 pb-4">
        <Composer onSend={send} onStop={() => void stopAnswer()} busy={busy} disabled={!configured} />
      </div>
      {configured && !busy && <MarkdownWarmup />}
    </div>
  );
}
