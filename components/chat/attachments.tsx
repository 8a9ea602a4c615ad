"use client";
import { useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { checkFile, fitsWith, type RefusalReason } from "@/lib/attachments/detect";
import { ATTACHMENT_LIMITS, type Attachment, formatBytes } from "@/lib/attachments/limits";
import type { MessageKey } from "@/lib/i18n";
import { useI18n } from "@/lib/i18n/client";

export type Refusal = { reason: RefusalReason; name: string };

const refusalKey: Record<RefusalReason, MessageKey> = {
  image: "attach.noImages",
  unsupported: "attach.unsupported",
  binary: "attach.binary",
  empty: "attach.empty",
  too_large: "attach.tooLarge",
  too_many: "attach.tooMany",
  total_too_large: "attach.totalTooLarge",
};

/** The localized explanation of why a file was not attached. */
export function useRefusalText() {
  const { t } = useI18n();
  return (r: Refusal) =>
    t(refusalKey[r.reason], {
      name: r.name,
      limit:
        r.reason === "too_many"
          ? ATTACHMENT_LIMITS.maxFiles
          : formatBytes(r.reason === "total_too_large" ? ATTACHMENT_LIMITS.maxTotalBytes : ATTACHMENT_LIMITS.maxFileBytes),
    });
}

/** Read picked/dropped/pasted files into attachments next to `current`, collecting refusals. */
export async function readFiles(files: File[], current: Attachment[]): Promise<{ added: Attachment[]; refused: Refusal[] }> {
  const added: Attachment[] = [];
  const refused: Refusal[] = [];
  for (const file of files) {
    // Size first: never read a huge file into memory just to refuse it.
    if (file.size > ATTACHMENT_LIMITS.maxFileBytes && !file.type.startsWith("image/")) {
      refused.push({ reason: "too_large", name: file.name });
      continue;
    }
    const checked = checkFile({ name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) });
    if (!checked.ok) {
      refused.push({ reason: checked.reason, name: file.name });
      continue;
    }
    const full = fitsWith([...current, ...added], checked.attachment.size);
    if (full) refused.push({ reason: full, name: file.name });
    else added.push(checked.attachment);
  }
  return { added, refused };
}

function label(a: Attachment, pasted: string) {
  return a.source === "paste" ? pasted : a.name;
}

/** Name + size chips; removable in the composer, openable on a sent message. */
export function AttachmentChips({ attachments, onRemove }: { attachments: Attachment[]; onRemove?: (index: number) => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<Attachment | null>(null);
  if (attachments.length === 0) return null;
  return (
    <>
      <ul className="flex flex-wrap gap-1.5" aria-label={t("attach.list")} data-testid={onRemove ? "composer-attachments" : "message-attachments"}>
        {attachments.map((a, i) => (
          <li key={`${a.name}-${i}`} className="flex max-w-full items-center rounded-lg border border-gray-200 bg-gray-50 text-xs dark:border-gray-700 dark:bg-gray-800" data-testid="attachment-chip">
            <button
              type="button"
              onClick={() => setOpen(a)}
              aria-label={t("attach.view", { name: label(a, t("attach.pasted")) })}
              className="flex min-w-0 items-center gap-1.5 px-2 py-1 hover:text-brand-700"
            >
              <svg aria-hidden viewBox="0 0 24 24" className="size-3.5 shrink-0 text-gray-500" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round">
                <path d="M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8z" />
                <path d="M14 2v6h6M8 13h8M8 17h5" />
              </svg>
              <span className="truncate font-medium" data-testid="attachment-name">{label(a, t("attach.pasted"))}</span>
              <span className="shrink-0 text-gray-500" data-testid="attachment-size">{formatBytes(a.size)}</span>
            </button>
            {onRemove && (
              <button
                type="button"
                onClick={() => onRemove(i)}
                aria-label={t("attach.remove", { name: label(a, t("attach.pasted")) })}
                data-testid="attachment-remove"
                className="rounded-r-lg px-1.5 py-1 text-gray-500 hover:bg-gray-200 hover:text-gray-900 dark:hover:bg-gray-700"
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      <Dialog open={open !== null} onClose={() => setOpen(null)} title={open ? label(open, t("attach.pasted")) : ""} testId="attachment-viewer" className="w-[min(56rem,calc(100vw-2rem))]">
        {open && (
          <div className="flex flex-col gap-3">
            <div className="flex items-center justify-between gap-2">
              <h2 className="truncate text-sm font-semibold">
                {label(open, t("attach.pasted"))} <span className="font-normal text-gray-500">· {formatBytes(open.size)}</span>
              </h2>
              <button type="button" onClick={() => setOpen(null)} className="rounded-md px-2 py-1 text-xs text-gray-500 hover:bg-gray-100 dark:hover:bg-gray-800">
                {t("attach.close")}
              </button>
            </div>
            <pre className="max-h-[70vh] overflow-auto whitespace-pre-wrap break-words rounded-lg bg-gray-50 p-3 text-xs dark:bg-gray-950" data-testid="attachment-content">
              {open.text}
            </pre>
          </div>
        )}
      </Dialog>
    </>
  );
}
