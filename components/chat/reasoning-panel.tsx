"use client";
import { useEffect, useRef, useState } from "react";
import { useI18n } from "@/lib/i18n/client";
import { useUserPrefs } from "./user-prefs";

type Props = {
  text: string;
  /** The model is thinking right now. */
  streaming: boolean;
  /** Stored duration, when the server measured it. */
  durationMs?: number | null;
};

/** Seconds since the panel first saw the model thinking, ticking while it thinks, frozen after. */
function useThinkingSeconds(streaming: boolean): number | null {
  const startedAt = useRef<number | null>(null);
  const [elapsed, setElapsed] = useState<number | null>(null);
  useEffect(() => {
    if (!streaming) return;
    startedAt.current ??= Date.now();
    const tick = () => setElapsed(Date.now() - (startedAt.current ?? Date.now()));
    tick();
    const timer = window.setInterval(tick, 1000);
    return () => {
      window.clearInterval(timer);
      tick();
    };
  }, [streaming]);
  return elapsed === null ? null : Math.max(1, Math.round(elapsed / 1000));
}

export function ReasoningPanel({ text, streaming, durationMs }: Props) {
  const { t, locale } = useI18n();
  const { expandReasoning } = useUserPrefs();
  const [open, setOpen] = useState(expandReasoning);
  const live = useThinkingSeconds(streaming);
  const seconds = durationMs != null ? Math.max(1, Math.round(durationMs / 1000)) : live;
  const n = seconds === null ? null : new Intl.NumberFormat(locale === "zh" ? "zh-CN" : "en").format(seconds);
  const label = streaming
    ? n === null
      ? t("chat.reasoning.live")
      : t("reasoning.thinkingFor", { seconds: n })
    : n === null
      ? t("reasoning.thought")
      : t("reasoning.thoughtFor", { seconds: n });

  return (
    <div className="mb-3 text-sm" data-testid="reasoning-panel" data-streaming={streaming || undefined}>
      <button
        type="button"
        onClick={() => setOpen(!open)}
        aria-expanded={open}
        className="inline-flex items-center gap-1.5 rounded-md px-1.5 py-1 text-gray-500 hover:bg-gray-100 hover:text-gray-900 dark:text-gray-400 dark:hover:bg-gray-800 dark:hover:text-gray-100"
        data-testid="reasoning-toggle"
      >
        {streaming && <span aria-hidden className="size-1.5 animate-pulse rounded-full bg-brand-500" />}
        <span className="font-medium" data-testid="reasoning-label">{label}</span>
        <svg aria-hidden viewBox="0 0 16 16" className={`size-3.5 transition-transform ${open ? "rotate-90" : ""}`}>
          <path d="M6 3l5 5-5 5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        <span className="sr-only">{open ? t("chat.reasoning.hide") : t("chat.reasoning.show")}</span>
      </button>
      {/* Reasoning can be tens of thousands of characters: it enters the DOM only when opened. */}
      {open && (
        <div
          className="mt-1 max-h-[28rem] overflow-y-auto whitespace-pre-wrap border-l-2 border-gray-200 py-1 pl-3 text-gray-600 dark:border-gray-700 dark:text-gray-400"
          data-testid="reasoning-text"
        >
          {text}
        </div>
      )}
    </div>
  );
}
