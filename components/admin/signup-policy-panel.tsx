"use client";
import { useState } from "react";
import { buttonClass } from "@/components/ui/dialog";
import type { SignupPolicy } from "@/lib/auth/signup-policy";
import { errorMessageKey } from "@/lib/i18n";
import { useI18n } from "@/lib/i18n/client";
import { adminFetch, input } from "./admin-fetch";

export function SignupPolicyPanel({ initial }: { initial: SignupPolicy }) {
  const { t } = useI18n();
  const [mode, setMode] = useState(initial.mode);
  const [domains, setDomains] = useState(initial.emailDomains.join(", "));
  const [approval, setApproval] = useState(initial.requireApproval);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    const emailDomains = domains.split(/[\s,]+/).map((d) => d.trim()).filter(Boolean);
    const res = await adminFetch<SignupPolicy>("/api/admin/signup-policy", { method: "PUT", body: { mode, emailDomains, requireApproval: approval } });
    setStatus(res.data ? { ok: true, text: t("admin.signup.saved") } : { ok: false, text: t(errorMessageKey(res.error, true)) });
    if (res.data) setDomains(res.data.emailDomains.join(", "));
  }

  return (
    <form onSubmit={save} className="max-w-xl space-y-4 text-sm" aria-label={t("admin.tab.signup")} data-testid="admin-signup-form">
      <fieldset className="space-y-2">
        <legend className="mb-1 font-medium">{t("admin.signup.mode")}</legend>
        {(["open", "invite", "closed"] as const).map((m) => (
          <label key={m} className="flex items-start gap-2">
            <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} data-testid={`admin-signup-${m}`} className="mt-1" />
            <span>
              <span className="font-medium">{t(`admin.signup.${m}`)}</span>
              <span className="block text-xs text-gray-500">{t(`admin.signup.${m}.help`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <label className="block">
        <span className="font-medium">{t("admin.signup.domains")}</span>
        <input value={domains} onChange={(e) => setDomains(e.target.value)} placeholder="example.com, example.org" className={`${input} mt-1 w-full`} data-testid="admin-signup-domains" />
        <span className="mt-1 block text-xs text-gray-500">{t("admin.signup.domains.help")}</span>
      </label>
      <label className="flex items-start gap-2">
        <input type="checkbox" checked={approval} onChange={(e) => setApproval(e.target.checked)} data-testid="admin-signup-approval" className="mt-1" />
        <span>
          <span className="font-medium">{t("admin.signup.approval")}</span>
          <span className="block text-xs text-gray-500">{t("admin.signup.approval.help")}</span>
        </span>
      </label>
      <p className="text-xs text-gray-500">{t("admin.signup.invitesNote")}</p>
      <button type="submit" className={buttonClass.primary} data-testid="admin-signup-save">{t("admin.save")}</button>
      {status && <p role={status.ok ? "status" : "alert"} className={status.ok ? "text-green-700 dark:text-green-400" : "text-red-700 dark:text-red-300"}>{status.text}</p>}
    </form>
  );
}
