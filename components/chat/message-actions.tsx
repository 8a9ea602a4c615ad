"use client";
import { useState } from "react";
import type { BranchInfo } from "@/lib/chat/types";
import { useI18n } from "@/lib/i18n/client";

const iconButton =
  "rounded-md px-2 py-1 text-xs text-gray-500 hover:bg-gray-100 hover:text-gray-900 disabled:opacity-40 dark:hover:bg-gray-800 dark:hover:text-gray-100";

/** `< 2/3 >`: page between the versions of a message (regenerated answers, edited questions). */
export function BranchPager({ branch, onSelect, disabled }: { branch?: BranchInfo; onSelect: (id: string) => void; disabled: boolean }) {
  const { t } = useI18n();
  if (!branch || branch.count < 2) return null;
  const go = (delta: number) => onSelect(branch.siblingIds[branch.index + delta]);
  return (
    <div className="flex items-center gap-0.5 text-xs text-gray-500" data-testid="branch-pager">
      <button type="button" className={iconButton} disabled={disabled || branch.index === 0} onClick={() => go(-1)} aria-label={t("branch.previous")} data-testid="branch-prev">
        ‹
      </button>
      <span aria-label={t("branch.position", { index: branch.index + 1, count: branch.count })} data-testid="branch-position">
        {branch.index + 1}/{branch.count}
      </span>
      <button type="button" className={iconButton} disabled={disabled || branch.index === branch.count - 1} onClick={() => go(1)} aria-label={t("branch.next")} data-testid="branch-next">
        ›
      </button>
    </div>
  );
}

export function RegenerateButton({ onClick, disabled }: { onClick: () => void; disabled: boolean }) {
  const { t } = useI18n();
  return (
    <button type="button" className={iconButton} onClick={onClick} disabled={disabled} data-testid="regenerate">
      ↻ {t("branch.regenerate")}
    </button>
  );
}

/** Resume an answer cut by the token limit or stopped; the same message grows. */
export function ContinueButton({ onClick, disabled }: { onClick: () => void; disabled: boolean }) {
  const { t } = useI18n();
  return (
    <button type="button" className={iconButton} onClick={onClick} disabled={disabled} data-testid="continue">
      ▸ {t("continue.button")}
    </button>
  );
}

/** Edit a question and send it again; the old question and its answers stay as a sibling branch. */
export function EditableQuestion({
  text,
  disabled,
  onSubmit,
  children,
}: {
  text: string;
  disabled: boolean;
  onSubmit: (text: string) => void;
  children: React.ReactNode;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<string | null>(null);
  if (draft === null) {
    return (
      <div className="group flex flex-col items-end gap-1">
        {children}
        <button type="button" className={`${iconButton} opacity-70 group-hover:opacity-100`} disabled={disabled} onClick={() => setDraft(text)} data-testid="edit-message">
          ✎ {t("branch.edit")}
        </button>
      </div>
    );
  }
  return (
    <form
      className="flex w-full max-w-[85%] flex-col gap-2 self-end"
      onSubmit={(e) => {
        e.preventDefault();
        if (!draft.trim()) return;
        onSubmit(draft);
        setDraft(null);
      }}
    >
      <textarea
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        aria-label={t("branch.editLabel")}
        data-testid="edit-input"
        rows={3}
        className="w-full rounded-xl border border-gray-300 bg-white p-3 text-sm dark:border-gray-700 dark:bg-gray-900"
      />
      <div className="flex justify-end gap-2">
        <button type="button" className={iconButton} onClick={() => setDraft(null)}>
          {t("branch.editCancel")}
        </button>
        <button type="submit" className="rounded-lg bg-brand-600 px-3 py-1 text-xs font-semibold text-white hover:bg-brand-700" data-testid="edit-send">
          {t("branch.editSave")}
        </button>
      </div>
    </form>
  );
}
