"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { MessageKey } from "@/lib/i18n";
import { useI18n } from "@/lib/i18n/client";
import { buttonClass, Dialog } from "@/components/ui/dialog";
import { actionFor, EARLY_SHORTCUTS, type EarlyShortcuts, type PageShortcut, type ShortcutAction } from "@/lib/chat/shortcuts";

export const SHORTCUTS: { action: ShortcutAction; keys: string[]; label: MessageKey }[] = [
  { action: "newChat", keys: ["Ctrl", "Shift", "O"], label: "shortcuts.newChat" },
  { action: "focusComposer", keys: ["Shift", "Esc"], label: "shortcuts.focusComposer" },
  { action: "stop", keys: ["Esc"], label: "shortcuts.stop" },
  { action: "search", keys: ["Ctrl", "K"], label: "shortcuts.search" },
  { action: "help", keys: ["Ctrl", "/"], label: "shortcuts.help" },
];

/**
 * App-wide shortcuts. Stop and focus act on the composer's own controls (found by test id), so they
 * follow whatever those controls do — including a server-side stop.
 */
export function useShortcuts({ onSearch, onHelp }: { onSearch: () => void; onHelp: () => void }) {
  const router = useRouter();
  useEffect(() => {
    const run = (action: PageShortcut) => {
      if (action === "newChat") router.push("/");
      if (action === "focusComposer") document.querySelector<HTMLTextAreaElement>('[data-testid="composer-input"]')?.focus();
      if (action === "search") onSearch();
      if (action === "help") onHelp();
    };
    // Take over from the inline script (lib/chat/shortcuts.ts), and run what was pressed before now.
    const early = (window as unknown as Record<string, EarlyShortcuts | undefined>)[EARLY_SHORTCUTS];
    if (early?.listener) window.removeEventListener("keydown", early.listener, true);
    const { pending, event: caught } = early ?? {};
    if (early) early.listener = early.pending = early.event = undefined;
    const onKey = (e: KeyboardEvent) => {
      if (e.isComposing || e === caught) return;
      const action = actionFor(e);
      if (!action) return;
      if (action === "stop") {
        const stop = document.querySelector<HTMLButtonElement>('[data-testid="stop-button"]');
        if (!stop || document.querySelector("dialog[open]")) return;
        e.preventDefault();
        stop.click();
        return;
      }
      e.preventDefault();
      run(action);
    };
    window.addEventListener("keydown", onKey);
    if (pending) run(pending);
    return () => window.removeEventListener("keydown", onKey);
  }, [router, onSearch, onHelp]);
}

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const mac = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);
  return (
    <Dialog open={open} onClose={onClose} title={t("shortcuts.title")} testId="shortcuts-dialog">
      <h2 className="text-base font-semibold">{t("shortcuts.title")}</h2>
      <dl className="mt-4 space-y-2 text-sm">
        {SHORTCUTS.map((s) => (
          <div key={s.action} className="flex items-center justify-between gap-4">
            <dt>{t(s.label)}</dt>
            <dd className="flex gap-1">
              {s.keys.map((k) => (
                <kbd key={k} className="rounded border border-gray-300 bg-gray-50 px-1.5 py-0.5 font-mono text-xs dark:border-gray-700 dark:bg-gray-800">
                  {k === "Ctrl" && mac ? "⌘" : k}
                </kbd>
              ))}
            </dd>
          </div>
        ))}
      </dl>
      <div className="mt-5 flex justify-end">
        <button type="button" className={buttonClass.secondary} onClick={onClose}>
          {t("shortcuts.close")}
        </button>
      </div>
    </Dialog>
  );
}
