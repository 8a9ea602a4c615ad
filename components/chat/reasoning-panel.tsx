"use client";
import { useState } from "react";
import { useI18n } from "@/lib/i18n/client";

export function ReasoningPanel({ text, streaming }: { text: string; streaming: boolean }) {
  const { t } = useI18n();
  // Open while the model is thinking, collapsed once the answer starts, unless the user chose.
  const [choice, setChoice] = useState<boolean | null>(null);
  const open = choice ?? streaming;
  return (
    <div className="mb-2 rounded-lg border border-gray-200 bg-gray-50 text-sm dark:border-gray-800 dark:bg-gray-900" data-testid="reasoning-panel">
      <button
        type="button"
        onClick={() => setChoice(!open)}
        aria-expanded={open}
        className="flex w-full items-center gap-2 px-3 py-2 text-left text-gray-600 hover:text-gray-900 dark:text-gray-400 dark:hover:text-gray-100"
        data-testid="reasoning-toggle"
      >
        <span aria-hidden className={`transition-transform ${open ? "rotate-90" : ""}`}>▸</span>
        <span className="font-medium">{streaming ? t("chat.reasoning.live") : t("chat.reasoning")}</span>
        <span className="sr-only">{open ? t("chat.reasoning.hide") : t("chat.reasoning.show")}</span>
      </button>
      {open && (
        <div className="whitespace-pre-wrap border-t border-gray-200 px-3 py-2 text-gray-600 dark:border-gray-800 dark:text-gray-400" data-testid="reasoning-text">
          {text}
        </div>
      )}
    </div>
  );
}
