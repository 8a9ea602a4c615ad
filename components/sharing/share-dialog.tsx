"use client";
import { useEffect, useRef, useState } from "react";
import { buttonClass, Dialog } from "@/components/ui/dialog";
import type { MessageKey } from "@/lib/i18n";
import { useI18n } from "@/lib/i18n/client";
import type { ChatVisibility } from "@/lib/sharing/access";
import type { ShareState } from "@/lib/sharing/service";

const VISIBILITIES: ChatVisibility[] = ["private", "team", "public"];

export function formatSharedAt(iso: string): string {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

/** The chat header's Share button and dialog: visibility, copy, new link, stop sharing. */
export function ShareButton({ chatId }: { chatId: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<ShareState | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const [copied, setCopied] = useState(false);

  // Bumped by every change the dialog makes: the state read on opening is dropped if a change was
  // made while it was on its way (reopened, the dialog shows the last state it had, so "Stop
  // sharing" can be clicked before the read returns, which would otherwise undo it on screen).
  const changes = useRef(0);
  useEffect(() => {
    if (!open) return;
    setFailed(false);
    const before = changes.current;
    void fetch(`/api/chats/${chatId}/share`, { cache: "no-store" }).then(async (res) => {
      const read = res.ok ? ((await res.json()) as ShareState) : null;
      if (changes.current !== before) return;
      if (read) setState(read);
      else setFailed(true);
    });
  }, [open, chatId]);

  const call = async (method: string, path: string, body?: unknown) => {
    changes.current++;
    setBusy(true);
    setFailed(false);
    try {
      const res = await fetch(path, {
        method,
        headers: body ? { "content-type": "application/json" } : undefined,
        body: body ? JSON.stringify(body) : undefined,
      });
      if (res.status === 204) setState((s) => s && { ...s, visibility: "private", token: null, createdAt: null });
      else if (res.ok) setState((await res.json()) as ShareState);
      else setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  const base = `/api/chats/${chatId}/share`;
  const link = state?.token ? `${window.location.origin}/s/${state.token}` : "";

  return (
    <>
      <button type="button" onClick={() => setOpen(true)} aria-label={t("sharing.open")} title={t("sharing.open")} data-testid="share-button" className={buttonClass.ghost}>
        <svg aria-hidden viewBox="0 0 16 16" className="size-4">
          <g fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round">
            <path d="M8 10V2M5 5l3-3 3 3" />
            <path d="M3 8v5a1 1 0 001 1h8a1 1 0 001-1V8" />
          </g>
        </svg>
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title={t("sharing.title")} testId="share-dialog">
        <h2 className="text-base font-semibold">{t("sharing.title")}</h2>
        {state && (
          <div className="mt-4 space-y-4 text-sm">
            <fieldset className="space-y-2" disabled={busy}>
              <legend className="mb-1 font-medium">{t("sharing.visibility")}</legend>
              {VISIBILITIES.map((v) => {
                const off = v === "public" && !state.publicEnabled && state.visibility !== "public";
                return (
                  <label key={v} className={`flex items-start gap-2 ${off ? "opacity-50" : ""}`}>
                    <input
                      type="radio"
                      name="share-visibility"
                      value={v}
                      className="mt-0.5 accent-brand-600"
                      checked={state.visibility === v}
                      disabled={off}
                      data-testid={`share-${v}`}
                      onChange={() => void call("PUT", base, { visibility: v, includeSystemPrompt: state.includeSystemPrompt })}
                    />
                    <span>
                      <span className="font-medium">{t(`sharing.${v}` as MessageKey)}</span>
                      <span className="block text-xs text-gray-500">{t(`sharing.${v}Hint` as MessageKey)}</span>
                    </span>
                  </label>
                );
              })}
              {!state.publicEnabled && <p className="text-xs text-amber-700" data-testid="share-public-disabled">{t("sharing.publicDisabled")}</p>}
            </fieldset>
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                className="size-4 accent-brand-600"
                checked={state.includeSystemPrompt}
                disabled={busy}
                data-testid="share-include-system"
                onChange={(e) => {
                  const includeSystemPrompt = e.target.checked;
                  if (state.visibility === "private") setState({ ...state, includeSystemPrompt });
                  else void call("PUT", base, { visibility: state.visibility, includeSystemPrompt });
                }}
              />
              {t("sharing.includeSystemPrompt")}
            </label>
            {state.token && (
              <div className="space-y-2">
                <label htmlFor="share-link" className="block font-medium">
                  {t("sharing.link")}
                </label>
                <div className="flex gap-2">
                  <input id="share-link" readOnly value={link} onFocus={(e) => e.target.select()} className="min-w-0 flex-1 rounded-lg border border-gray-300 bg-gray-50 px-2.5 py-1.5 font-mono text-xs dark:border-gray-700 dark:bg-gray-950" data-testid="share-link" />
                  <button
                    type="button"
                    className={buttonClass.secondary}
                    data-testid="share-copy"
                    onClick={async () => {
                      await navigator.clipboard.writeText(link).catch(() => {});
                      setCopied(true);
                      window.setTimeout(() => setCopied(false), 1500);
                    }}
                  >
                    {copied ? t("sharing.copied") : t("sharing.copy")}
                  </button>
                </div>
                {state.createdAt && <p className="text-xs text-gray-500" data-testid="share-since">{t("sharing.sharedSince", { date: formatSharedAt(state.createdAt) })}</p>}
                <div className="flex flex-wrap gap-2">
                  <button type="button" className={buttonClass.secondary} disabled={busy} title={t("sharing.regenerateHint")} data-testid="share-regenerate" onClick={() => void call("POST", `${base}/regenerate`)}>
                    {t("sharing.regenerate")}
                  </button>
                  <button type="button" className={buttonClass.danger} disabled={busy} data-testid="share-revoke" onClick={() => void call("DELETE", base)}>
                    {t("sharing.revoke")}
                  </button>
                </div>
              </div>
            )}
          </div>
        )}
        {failed && (
          <p role="alert" className="mt-3 text-sm text-red-600" data-testid="share-error">
            {t("sharing.failed")}
          </p>
        )}
        <div className="mt-5 flex justify-end">
          <button type="button" className={buttonClass.secondary} onClick={() => setOpen(false)}>
            {t("sharing.close")}
          </button>
        </div>
      </Dialog>
    </>
  );
}
