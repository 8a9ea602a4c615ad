"use client";
import { useRef, useState } from "react";
import { useI18n } from "@/lib/i18n/client";
import { InputEstimate } from "./input-estimate";

type Props = {
  onSend: (text: string) => void;
  onStop: () => void;
  busy: boolean;
  disabled: boolean;
};

export function Composer({ onSend, onStop, busy, disabled }: Props) {
  const { t } = useI18n();
  const [text, setText] = useState("");
  const ref = useRef<HTMLTextAreaElement>(null);

  const submit = () => {
    if (busy || disabled || !text.trim()) return;
    onSend(text);
    setText("");
    requestAnimationFrame(() => autosize(ref.current));
  };

  return (
    <>
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      className="flex items-end gap-2 rounded-2xl border border-gray-300 bg-white p-2 shadow-sm focus-within:border-brand-500 focus-within:ring-2 focus-within:ring-brand-500/20 dark:border-gray-700 dark:bg-gray-900"
    >
      <textarea
        ref={ref}
        value={text}
        disabled={disabled}
        onChange={(e) => {
          setText(e.target.value);
          autosize(e.target);
        }}
        onKeyDown={(e) => {
          // Enter while an IME is composing (Chinese/Japanese input) confirms the candidate, never sends.
          if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing && e.keyCode !== 229) {
            e.preventDefault();
            submit();
          }
        }}
        rows={1}
        placeholder={t("chat.placeholder")}
        aria-label={t("chat.placeholder")}
        data-testid="composer-input"
        className="max-h-60 min-h-10 flex-1 resize-none bg-transparent px-2 py-2 text-sm outline-none focus-visible:outline-none disabled:cursor-not-allowed"
      />
      {busy ? (
        <button
          type="button"
          onClick={onStop}
          data-testid="stop-button"
          className="rounded-xl bg-gray-800 px-4 py-2 text-sm font-semibold text-white hover:bg-gray-700 dark:bg-gray-200 dark:text-gray-900"
        >
          {t("chat.stop")}
        </button>
      ) : (
        <button
          type="submit"
          disabled={disabled || !text.trim()}
          data-testid="send-button"
          className="rounded-xl bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-40"
        >
          {t("chat.send")}
        </button>
      )}
    </form>
    <InputEstimate text={text} />
    </>
  );
}

function autosize(el: HTMLTextAreaElement | null) {
  if (!el) return;
  el.style.height = "auto";
  el.style.height = `${Math.min(el.scrollHeight, 240)}px`;
}
