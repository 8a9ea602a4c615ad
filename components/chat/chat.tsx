"use client";
import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport } from "ai";
import { useRef, useState } from "react";
import type { ChatSettings, ChatUIMessage, PublicModel } from "@/lib/chat/types";
import { errorMessageKey } from "@/lib/i18n";
import { useI18n } from "@/lib/i18n/client";
import { Composer } from "./composer";
import { ConfigNotice } from "./config-notice";
import { MessageItem } from "./message-item";
import { MessageList } from "./message-list";
import { ChatSettingsButton } from "./chat-settings";
import { ModelPicker } from "./model-picker";
import { CHATS_CHANGED_EVENT } from "./sidebar";

type Props = {
  id: string;
  initialMessages: ChatUIMessage[];
  initialSettings: ChatSettings;
  models: PublicModel[];
  configured: boolean;
  isAdmin: boolean;
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

export function Chat({ id, initialMessages, initialSettings, models, configured, isAdmin }: Props) {
  const { t } = useI18n();
  const [settings, setSettings] = useState(initialSettings);
  const settingsRef = useRef(settings);
  settingsRef.current = settings;

  const [transport] = useState(
    () =>
      new DefaultChatTransport<ChatUIMessage>({
        api: "/api/chat",
        // The server owns the history: send only the new message and this chat's settings.
        prepareSendMessagesRequest: ({ id: chatId, messages }) => ({
          body: { id: chatId, message: messages.at(-1), ...settingsRef.current },
        }),
      }),
  );
  const { messages, sendMessage, status, stop, error } = useChat<ChatUIMessage>({
    id,
    messages: initialMessages,
    transport,
    throttle: 50,
    onFinish: () => window.dispatchEvent(new Event(CHATS_CHANGED_EVENT)),
    onError: () => window.dispatchEvent(new Event(CHATS_CHANGED_EVENT)),
  });
  const busy = status === "submitted" || status === "streaming";

  const send = (text: string) => {
    if (messages.length === 0) window.history.replaceState(null, "", `/chat/${id}`);
    void sendMessage({ text });
  };

  const code = errorCodeOf(error);

  return (
    <div className="flex h-full min-h-0 flex-col">
      <header className="flex items-center justify-between gap-2 border-b border-gray-200 py-2 pl-12 pr-4 md:pl-4 dark:border-gray-800">
        <ModelPicker models={models} settings={settings} onChange={setSettings} disabled={busy} />
        <ChatSettingsButton chatId={id} exists={messages.length > 0} models={models} settings={settings} onChange={setSettings} disabled={busy} />
      </header>
      <MessageList
        messages={messages}
        busy={busy}
        renderItem={(m, streaming) => <MessageItem message={m} isAdmin={isAdmin} streaming={streaming} />}
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
            {error && (
              <p role="alert" data-testid="chat-error" data-code={code} className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300">
                {t(errorMessageKey(code, isAdmin))}
              </p>
            )}
          </>
        }
      />
      <div className="mx-auto w-full max-w-3xl px-4 pb-4">
        <Composer onSend={send} onStop={() => void stop()} busy={busy} disabled={!configured} />
      </div>
    </div>
  );
}
