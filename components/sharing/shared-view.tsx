"use client";
// The page's own CSS carries KaTeX's stylesheet (components/chat/lazy-markdown.tsx says why).
import "katex/dist/katex.min.css";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Markdown } from "@/components/chat/markdown";
import { ReasoningPanel } from "@/components/chat/reasoning-panel";
import type { ChatUIMessage } from "@/lib/chat/types";
import { errorMessageKey } from "@/lib/i18n";
import { useI18n } from "@/lib/i18n/client";
import type { SharedView as View } from "@/lib/sharing/service";
import { buttonClass } from "@/components/ui/dialog";
import { formatSharedAt } from "./share-dialog";

const textOf = (m: ChatUIMessage, type: "text" | "reasoning") =>
  m.parts
    .filter((p) => p.type === type)
    .map((p) => (p as { text: string }).text)
    .join("");

/** A shared chat, read-only: the visible branch with Markdown, reasoning collapsed, no actions but forking. */
export function SharedView({ view, signedIn }: { view: View; signedIn: boolean }) {
  const { t } = useI18n();
  const router = useRouter();
  const [forking, setForking] = useState(false);
  const [failed, setFailed] = useState(false);

  const fork = async () => {
    setForking(true);
    setFailed(false);
    const res = await fetch(`/api/shares/${view.token}/fork`, { method: "POST" });
    if (res.ok) {
      const { chatId } = (await res.json()) as { chatId: string };
      router.push(`/chat/${chatId}`);
      router.refresh();
    } else {
      setFailed(true);
      setForking(false);
    }
  };

  return (
    <div className="h-dvh overflow-y-auto" data-testid="shared-view">
      <main className="mx-auto max-w-3xl px-4 py-8">
        <header className="mb-6 space-y-2 border-b border-gray-200 pb-4 dark:border-gray-800">
          <p className="text-xs font-medium uppercase tracking-wide text-brand-600" data-testid="shared-visibility">
            {view.visibility === "public" ? t("sharing.badge.public") : t("sharing.badge.team")}
          </p>
          <h1 className="text-2xl font-semibold" data-testid="shared-title">
            {view.title}
          </h1>
          <p className="text-sm text-gray-500" data-testid="shared-by">
            {t("sharing.sharedBy", { name: view.sharedBy ?? t("sharing.teamMember"), date: formatSharedAt(view.sharedAt) })}
          </p>
          <div className="flex flex-wrap items-center gap-3 pt-1">
            {signedIn ? (
              <button type="button" className={buttonClass.primary} disabled={forking} onClick={() => void fork()} data-testid="fork-button">
                {t("sharing.continue")}
              </button>
            ) : (
              <a href={`/sign-in?next=${encodeURIComponent(`/s/${view.token}`)}`} className={buttonClass.primary} data-testid="fork-sign-in">
                {t("sharing.signInToContinue")}
              </a>
            )}
            <span className="text-xs text-gray-400">{t("sharing.readOnly")}</span>
          </div>
          {failed && (
            <p role="alert" className="text-sm text-red-600" data-testid="fork-error">
              {t("sharing.forkFailed")}
            </p>
          )}
        </header>
        {view.systemPrompt && (
          <section className="mb-6 rounded-lg bg-gray-50 p-3 text-sm dark:bg-gray-900" data-testid="shared-system-prompt">
            <h2 className="mb-1 font-medium">{t("sharing.systemPrompt")}</h2>
            <p className="whitespace-pre-wrap text-gray-600 dark:text-gray-300">{view.systemPrompt}</p>
          </section>
        )}
        {view.messages.length === 0 && <p className="text-gray-500">{t("sharing.empty")}</p>}
        <div className="flex flex-col gap-6" role="log" aria-label={t("chat.history")} data-testid="message-list">
          {view.messages.map((m) =>
            m.role === "user" ? (
              <div key={m.id} className="flex justify-end" data-testid="message-user">
                <div className="max-w-[85%] whitespace-pre-wrap rounded-2xl bg-brand-50 px-4 py-2 dark:bg-gray-800" data-testid="user-text">
                  <span className="sr-only">{t("chat.you")}: </span>
                  {textOf(m, "text")}
                </div>
              </div>
            ) : (
              <article key={m.id} className="flex gap-3" data-testid="message-assistant" data-status={m.metadata?.status}>
                <div aria-hidden className="mt-1 flex size-7 shrink-0 items-center justify-center rounded-full bg-brand-600 text-xs font-bold text-white">
                  DS
                </div>
                <div className="min-w-0 flex-1">
                  <span className="sr-only">{t("chat.assistant")}:</span>
                  {textOf(m, "reasoning") && <ReasoningPanel text={textOf(m, "reasoning")} streaming={false} durationMs={m.metadata?.reasoningMs} />}
                  {textOf(m, "text") && (
                    <div data-testid="answer">
                      <Markdown text={textOf(m, "text")} />
                    </div>
                  )}
                  {m.metadata?.status === "stopped" && <p className="mt-1 text-xs text-gray-400">{t("chat.status.stopped")}</p>}
                  {m.metadata?.status === "interrupted" && <p className="mt-1 text-xs text-amber-600">{t("chat.status.interrupted")}</p>}
                  {m.metadata?.status === "error" && (
                    <p className="mt-1 text-sm text-red-600">{t(errorMessageKey(m.metadata?.errorCode ?? undefined, false))}</p>
                  )}
                </div>
              </article>
            ),
          )}
        </div>
      </main>
    </div>
  );
}
