"use client";
import { useState } from "react";
import { useI18n } from "@/lib/i18n/client";

/** Self-contained admin card: instance-wide switch for public share links (PUT /api/admin/sharing). */
export function SharingSettings({ initialPublicEnabled }: { initialPublicEnabled: boolean }) {
  const { t } = useI18n();
  const [publicEnabled, setPublicEnabled] = useState(initialPublicEnabled);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<"saved" | "failed" | null>(null);

  const toggle = async (next: boolean) => {
    setBusy(true);
    setStatus(null);
    const res = await fetch("/api/admin/sharing", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ publicEnabled: next }) });
    if (res.ok) setPublicEnabled(((await res.json()) as { publicEnabled: boolean }).publicEnabled);
    setStatus(res.ok ? "saved" : "failed");
    setBusy(false);
  };

  return (
    <section className="rounded-lg border border-gray-200 p-4 text-sm dark:border-gray-800" data-testid="sharing-settings">
      <h2 className="mb-2 font-medium">{t("sharing.admin.title")}</h2>
      <label className="flex items-center justify-between gap-3">
        <span>{t("sharing.admin.public")}</span>
        <input type="checkbox" role="switch" className="size-4 accent-brand-600" checked={publicEnabled} disabled={busy} onChange={(e) => void toggle(e.target.checked)} data-testid="sharing-public-toggle" />
      </label>
      <p className="mt-1 text-xs text-gray-500">{t("sharing.admin.publicHint")}</p>
      <p role="status" className="mt-1 text-xs" data-testid="sharing-settings-status">
        {status === "saved" ? t("sharing.admin.saved") : status === "failed" ? t("sharing.failed") : ""}
      </p>
    </section>
  );
}
