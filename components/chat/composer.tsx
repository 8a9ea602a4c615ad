"use client";
import { useEffect, useRef, useState } from "react";
import { fitsWith } from "@/lib/attachments/detect";
import { ATTACHMENT_LIMITS, type Attachment, formatBytes, utf8Bytes } from "@/lib/attachments/limits";
import { useI18n } from "@/lib/i18n/client";
import { AttachmentChips, readFiles, type Refusal, useRefusalText } from "./attachments";
import { InputEstimate } from "./input-estimate";

type Props = {
  onSend: (text: string, attachments: Attachment[]) => void;
  onStop: () => void;
  busy: boolean;
  disabled: boolean;
};

export function Composer({ onSend, onStop, busy, disabled }: Props) {
  const { t } = useI18n();
  const [text, setText] = useState("");
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [refused, setRefused] = useState<Refusal[]>([]);
  const [dragging, setDragging] = useState(false);
  const ref = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const refusalText = useRefusalText();
  const empty = !text.trim() && attachments.length === 0;
  // What was typed before React hydrated the box is on screen but not in `text` (hydration keeps the
  // text in the box and calls no onChange); take it, so that Enter sends what the person sees.
  useEffect(() => {
    const typed = ref.current?.value;
    if (typed) {
      setText(typed);
      autosize(ref.current);
    }
  }, []);

  const submit = () => {
    if (busy || disabled || empty) return;
    onSend(text, attachments);
    setText("");
    setAttachments([]);
    setRefused([]);
    requestAnimationFrame(() => autosize(ref.current));
  };

  const addFiles = async (files: File[]) => {
    if (files.length === 0) return;
    const { added, refused: no } = await readFiles(files, attachments);
    setAttachments((current) => [...current, ...added]);
    setRefused(no);
  };

  // A long paste becomes a "Pasted text" attachment instead of flooding the message box.
  const onPaste = (e: React.ClipboardEvent<HTMLTextAreaElement>) => {
    const files = [...e.clipboardData.files];
    if (files.length > 0) {
      e.preventDefault();
      void addFiles(files);
      return;
    }
    const pasted = e.clipboardData.getData("text/plain");
    if (pasted.length <= ATTACHMENT_LIMITS.pasteThresholdChars) return;
    e.preventDefault();
    const size = utf8Bytes(pasted);
    const name = `pasted-text-${attachments.filter((a) => a.source === "paste").length + 1}.txt`;
    const full = size > ATTACHMENT_LIMITS.maxFileBytes ? "too_large" : fitsWith(attachments, size);
    if (full) {
      setRefused([{ reason: full, name }]);
      return;
    }
    setAttachments((current) => [...current, { name, mediaType: "text/plain", size, text: pasted, source: "paste" }]);
    setRefused([]);
  };

  return (
    <>
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      onDragOver={(e) => {
        if (disabled || !e.dataTransfer.types.includes("Files")) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        setDragging(false);
        if (disabled || e.dataTransfer.files.length === 0) return;
        e.preventDefault();
        void addFiles([...e.dataTransfer.files]);
      }}
      data-testid="composer"
      data-dragging={dragging || undefined}
      className={`flex flex-col gap-2 rounded-2xl border bg-white p-2 shadow-sm focus-within:border-brand-500 focus-within:ring-2 focus-within:ring-brand-500/20 dark:bg-gray-900 ${dragging ? "border-brand-500 ring-2 ring-brand-500/30" : "border-gray-300 dark:border-gray-700"}`}
    >
      {dragging && <p className="px-2 text-xs text-brand-700">{t("attach.dropHere")}</p>}
      <AttachmentChips attachments={attachments} onRemove={(i) => setAttachments((current) => current.filter((_, j) => j !== i))} />
      <div className="flex items-end gap-2">
      <input
        ref={fileInput}
        type="file"
        multiple
        hidden
        data-testid="attach-input"
        onChange={(e) => {
          void addFiles([...(e.target.files ?? [])]);
          e.target.value = "";
        }}
      />
      <button
        type="button"
        onClick={() => fileInput.current?.click()}
        disabled={disabled}
        aria-label={t("attach.button")}
        title={t("attach.hint", {
          files: ATTACHMENT_LIMITS.maxFiles,
          perFile: formatBytes(ATTACHMENT_LIMITS.maxFileBytes),
          total: formatBytes(ATTACHMENT_LIMITS.maxTotalBytes),
        })}
        data-testid="attach-button"
        className="rounded-xl px-2 py-2 text-gray-500 hover:bg-gray-100 hover:text-gray-900 disabled:opacity-40 dark:hover:bg-gray-800 dark:hover:text-gray-100"
      >
        <svg aria-hidden viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round">
          <path d="m21.44 11.05-9.19 9.19a6 6 0 0 1-8.49-8.49l8.57-8.57A4 4 0 1 1 18 8.84l-8.59 8.57a2 2 0 0 1-2.83-2.83l8.49-8.48" />
        </svg>
      </button>
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
        onPaste={onPaste}
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
          disabled={disabled || empty}
          data-testid="send-button"
          className="rounded-xl bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-40"
        >
          {t("chat.send")}
        </button>
      )}
      </div>
    </form>
    {refused.length > 0 && (
      <div role="alert" className="mt-1 flex flex-col gap-0.5 px-2 text-xs text-red-600" data-testid="attachment-error" data-reason={refused.map((r) => r.reason).join(" ")}>
        {refused.map((r, i) => (
          <p key={i}>{refusalText(r)}</p>
        ))}
      </div>
    )}
    <InputEstimate text={text} />
    </>
  );
}

function autosize(el: HTMLTextAreaElement | null) {
  if (!el) return;
  el.style.height = "auto";
  el.style.height = `${Math.min(el.scrollHeight, 240)}px`;
}
