"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useI18n } from "@/lib/i18n/client";
import type { UsageSettings } from "@/lib/usage/settings";

const num = (v: string) => (v.trim() === "" ? null : Number(v));
const str = (v: number | null) => (v === null ? "" : String(v));

/** The instance switches and limits most teams touch; per-user overrides are on each user's row ("Budget…"). */
export function AdminSettingsForm({ initial }: { initial: UsageSettings }) {
  const { t } = useI18n();
  const router = useRouter();
  const member = initial.roleBudgets.member;
  const [apiEnabled, setApiEnabled] = useState(initial.apiEnabled);
  const [dailyUsd, setDailyUsd] = useState(str(member.dailyUsd));
  const [monthlyUsd, setMonthlyUsd] = useState(str(member.monthlyUsd));
  const [dailyTokens, setDailyTokens] = useState(str(member.dailyTokens));
  const [cap, setCap] = useState(str(initial.instanceMonthlyUsd));
  const [low, setLow] = useState(str(initial.lowBalanceThreshold));
  const [currency, setCurrency] = useState(initial.displayCurrency);
  const [saved, setSaved] = useState(false);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setSaved(false);
    const res = await fetch("/api/admin/usage-settings", {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        apiEnabled,
        roleBudgets: { admin: initial.roleBudgets.admin, member: { ...member, dailyUsd: num(dailyUsd), monthlyUsd: num(monthlyUsd), dailyTokens: num(dailyTokens) } },
        instanceMonthlyUsd: num(cap),
        lowBalanceThreshold: num(low),
        displayCurrency: currency,
      }),
    });
    setSaved(res.ok);
    // The pages re-render with the new display currency.
    if (res.ok) router.refresh();
  }

  const field = (label: string, value: string, set: (v: string) => void, testId: string) => (
    <label className="text-sm">
      {label}
      <input type="number" min={0} step="any" value={value} onChange={(e) => set(e.target.value)} data-testid={testId} className="mt-1 block w-40 rounded border border-gray-300 px-2 py-1 dark:border-gray-700 dark:bg-gray-900" />
    </label>
  );

  return (
    <form onSubmit={save} className="space-y-3 rounded-lg border border-gray-200 p-4 dark:border-gray-800" data-testid="admin-settings">
      <h2 className="font-medium">{t("admin.settings.title")}</h2>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={apiEnabled} onChange={(e) => setApiEnabled(e.target.checked)} data-testid="api-enabled" />
        {t("admin.settings.apiEnabled")}
      </label>
      <div className="flex flex-wrap gap-4">
        {field(t("admin.settings.memberDailyUsd"), dailyUsd, setDailyUsd, "member-daily-usd")}
        {field(t("admin.settings.memberMonthlyUsd"), monthlyUsd, setMonthlyUsd, "member-monthly-usd")}
        {field(t("admin.settings.memberDailyTokens"), dailyTokens, setDailyTokens, "member-daily-tokens")}
        {field(t("admin.settings.instanceMonthlyUsd"), cap, setCap, "instance-cap")}
        {field(t("admin.settings.lowBalance"), low, setLow, "low-balance")}
        <label className="text-sm">
          {t("usage2.displayCurrency")}
          <select value={currency} onChange={(e) => setCurrency(e.target.value as "USD" | "CNY")} data-testid="display-currency" className="mt-1 block w-40 rounded border border-gray-300 px-2 py-1 dark:border-gray-700 dark:bg-gray-900">
            <option value="USD">USD ($)</option>
            <option value="CNY">CNY (¥)</option>
          </select>
        </label>
      </div>
      <button type="submit" data-testid="settings-save" className="rounded bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
        {t("admin.settings.save")}
      </button>
      {saved && <span role="status" className="ml-3 text-sm text-green-700">{t("admin.settings.saved")}</span>}
    </form>
  );
}
