"use client";
import { useEffect, useRef, useState } from "react";
import { useI18n } from "@/lib/i18n/client";

/** How long "Chat deleted — Undo" stays up; the server keeps the chat restorable a little longer (CHAT_UNDO_WINDOW_MS). */
export const UNDO_TOAST_MS = 8_000;

/**
 * "Chat deleted — Undo" for UNDO_TOAST_MS. `onUndo` restores; the toast then says whether it worked.
 * A new deletion replaces the toast (keyed by `id`).
 */
export function UndoDeleteToast({ id, onUndo, onDone }: { id: string; onUndo: () => Promise<boolean>; onDone: () => void }) {
  const { t } = useI18n();
  const [state, setState] = useState<"deleted" | "restoring" | "restored" | "failed">("deleted");
  const done = useRef(onDone);
  done.current = onDone;
  useEffect(() => {
    setState("deleted");
    const timer = window.setTimeout(() => done.current(), UNDO_TOAST_MS);
    return () => window.clearTimeout(timer);
  }, [id]);
  useEffect(() => {
    if (state !== "restored" && state !== "failed") return;
    const timer = window.setTimeout(() => done.current(), 2_500);
    return () => window.clearTimeout(timer);
  }, [state]);

  return (
    <div
      role="status"
      data-testid="undo-toast"
      data-state={state}
      className="fixed bottom-4 left-1/2 z-50 flex -translate-x-1/2 items-center gap-4 rounded-lg bg-gray-900 px-4 py-2 text-sm text-white shadow-lg dark:bg-gray-100 dark:text-gray-900"
    >
      <span>{state === "restored" ? t("undo.restored") : state === "failed" ? t("undo.failed") : t("undo.deleted")}</span>
      {(state === "deleted" || state === "restoring") && (
        <button
          type="button"
          disabled={state === "restoring"}
          data-testid="undo-delete"
          className="font-semibold text-brand-300 hover:underline disabled:opacity-50 dark:text-brand-700"
          onClick={async () => {
            setState("restoring");
            setState((await onUndo()) ? "restored" : "failed");
          }}
        >
          {t("undo.action")}
        </button>
      )}
    </div>
  );
}
