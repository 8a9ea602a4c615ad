"use client";
import { useState } from "react";
import type { DeepSeekStatus } from "@/lib/admin/deepseek-status";
import type { SignupPolicy } from "@/lib/auth/signup-policy";
import { useI18n } from "@/lib/i18n/client";
import { AuditPanel } from "./audit-panel";
import { DeepSeekPanel } from "./deepseek-panel";
import { InvitesPanel } from "./invites-panel";
import { SharingSettings } from "./sharing-settings";
import { ADMIN_TABS, type AdminTab } from "./tabs";
import { SignupPolicyPanel } from "./signup-policy-panel";
import { UsersPanel } from "./users-panel";

const TABS = ADMIN_TABS;
type Tab = AdminTab;

export function AdminConsole({
  meId,
  policy,
  deepseek,
  sharing,
  initialTab,
}: {
  meId: string;
  policy: SignupPolicy;
  deepseek: DeepSeekStatus;
  sharing: { publicEnabled: boolean };
  initialTab?: Tab;
}) {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>(initialTab ?? "users");
  return (
    <div className="mx-auto h-full max-w-5xl overflow-y-auto p-6" data-testid="admin-console">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">{t("admin.title")}</h1>
        <a href="/admin/usage" className="text-sm text-brand-600 hover:underline" data-testid="admin-usage-link">
          {t("usage.adminLink")} →
        </a>
      </div>
      <div role="tablist" aria-label={t("admin.title")} className="mb-4 flex flex-wrap gap-1 border-b border-gray-200 dark:border-gray-800">
        {TABS.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            data-testid={`admin-tab-${id}`}
            onClick={() => setTab(id)}
            className={`-mb-px border-b-2 px-3 py-2 text-sm ${tab === id ? "border-brand-600 font-medium text-brand-700 dark:text-brand-100" : "border-transparent text-gray-500 hover:text-gray-900 dark:hover:text-gray-100"}`}
          >
            {t(`admin.tab.${id}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {tab === "users" && <UsersPanel meId={meId} />}
        {tab === "invites" && <InvitesPanel />}
        {tab === "signup" && <SignupPolicyPanel initial={policy} />}
        {tab === "sharing" && <SharingSettings initialPublicEnabled={sharing.publicEnabled} />}
        {tab === "deepseek" && <DeepSeekPanel status={deepseek} />}
        {tab === "audit" && <AuditPanel />}
      </div>
    </div>
  );
}
