"use client";
import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { CHATS_CHANGED_EVENT } from "@/components/chat/sidebar";
import { useI18n } from "@/lib/i18n/client";
import type { MessageKey } from "@/lib/i18n";
import { Section } from "./data-settings";
import { useImport } from "./use-import";

const FILE_ERRORS = ["empty_file", "unknown_format", "malformed_json", "unsupported_version", "missing_header", "too_large", "network"];
const FORMAT_NAMES: Record<string, string> = { shoal: "Shoal", chatgpt: "ChatGPT", nextchat: "NextChat", lobechat: "LobeChat" };

export function ImportPanel() {
  const { t } = useI18n();
  const router = useRouter();
  const onFinished = useCallback(() => {
    window.dispatchEvent(new Event(CHATS_CHANGED_EVENT));
    router.refresh();
  }, [router]);
  const { state, start } = useImport(onFinished);
  const errorKey = (reason?: string): MessageKey => (FILE_ERRORS.includes(reason ?? "") ? (`port.error.${reason}` as MessageKey) : "port.error.unknown");

  return (
    <Section title={t("port.import.title")} testId="import-section">
      <p className="text-sm text-gray-600 dark:text-gray-400">{t("port.import.body")}</p>
      <label className="block text-sm font-medium">
        {t("port.import.choose")}
        <input
          type="file"
          accept=".json,application/json"
          data-testid="import-file"
          disabled={state.phase === "running"}
          className="mt-1 block w-full text-sm file:mr-3 file:rounded-lg file:border file:border-gray-300 file:bg-white file:px-3 file:py-1.5 dark:file:border-gray-700 dark:file:bg-gray-950"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) start(file);
            e.target.value = "";
          }}
        />
      </label>

      {state.phase !== "idle" && (
        <div className="space-y-2" data-testid="import-status" aria-live="polite">
          {state.phase === "running" && (
            <>
              <progress className="h-2 w-full" max={100} value={state.uploadPercent} data-testid="import-progress" />
              <p className="text-sm">
                {state.uploadPercent < 100
                  ? t("port.import.uploading", { percent: state.uploadPercent })
                  : t("port.import.processing", { imported: state.imported, skipped: state.skipped })}
              </p>
            </>
          )}
          {state.format && <p className="text-sm text-gray-500">{t("port.import.format", { format: FORMAT_NAMES[state.format] ?? state.format })}</p>}
          {state.phase === "done" && (
            <p className="text-sm font-medium" data-testid="import-done">
              {t("port.import.done", { imported: state.imported, skipped: state.skipped })}
            </p>
          )}
          {state.phase === "failed" && (
            <div role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200" data-testid="import-error">
              <p>{t("port.import.failed", { reason: t(errorKey(state.errorReason)) })}</p>
              {state.imported > 0 && <p>{t("port.import.partial")}</p>}
            </div>
          )}
          <ul className="max-h-80 divide-y divide-gray-100 overflow-y-auto text-sm dark:divide-gray-800" data-testid="import-results">
            {state.results.map((r) => (
              <li key={r.index} className="flex items-baseline gap-2 py-1.5" data-testid={`import-result-${r.status}`}>
                <span className={`shrink-0 rounded px-1.5 text-xs ${r.status === "imported" ? "bg-green-100 text-green-800" : "bg-gray-100 text-gray-600"}`}>
                  {t(r.status === "imported" ? "port.import.imported" : "port.import.skipped")}
                </span>
                <span className="min-w-0 flex-1">
                  {r.status === "imported" ? (
                    <a href={`/chat/${r.chatId}`} className="hover:underline">
                      {r.title || t("port.import.untitled")}
                    </a>
                  ) : (
                    r.title || t("port.import.untitled")
                  )}
                  <span className="ml-2 text-gray-500">
                    {r.status === "imported"
                      ? [t("port.import.messages", { count: r.messages }), ...r.notes.map((n) => t(`port.note.${n}`))].join(" · ")
                      : t(`port.reason.${r.reason}`)}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </Section>
  );
}
