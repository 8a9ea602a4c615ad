"use client";
import { useState } from "react";
import { UserBudgetForm } from "@/components/admin/user-budget-form";
import { useI18n } from "@/lib/i18n/client";
import type { BalanceSnapshot } from "@/lib/usage/balance";
import type { UsageReport } from "@/lib/usage/report";
import type { UsageSettings } from "@/lib/usage/settings";
import { AdminPrices, type PriceView } from "./admin-prices";
import { AdminSettingsForm } from "./admin-settings-form";
import { UsageCharts } from "./usage-charts";
import { BucketTable, SummaryCards } from "./usage-summary";

type TokenRow = { id: string; name: string; prefix: string; userEmail: string; revoked: boolean; createdAt: string };
type Props = {
  report: UsageReport;
  days: number;
  balance: BalanceSnapshot | null;
  settings: UsageSettings;
  tokens: TokenRow[];
  prices: PriceView[];
  models: string[];
};

export function AdminUsage({ report, days, balance: initialBalance, settings, tokens: initialTokens, prices, models }: Props) {
  const { t } = useI18n();
  const [balance, setBalance] = useState(initialBalance);
  const [tokens, setTokens] = useState(initialTokens);
  const [busy, setBusy] = useState(false);
  const [budgetFor, setBudgetFor] = useState<string | null>(null);
  const currency = settings.displayCurrency;

  async function refresh() {
    setBusy(true);
    const res = await fetch("/api/admin/balance", { method: "POST" });
    if (res.ok) setBalance(((await res.json()) as { balance: BalanceSnapshot | null }).balance);
    setBusy(false);
  }
  async function revoke(id: string) {
    const res = await fetch(`/api/admin/tokens/${id}`, { method: "DELETE" });
    if (res.ok) setTokens((list) => list.map((tk) => (tk.id === id ? { ...tk, revoked: true } : tk)));
  }

  return (
    <div className="mx-auto h-full max-w-5xl space-y-6 overflow-y-auto p-6">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold">{t("admin.usage.title")}</h1>
        <a href={`/api/admin/usage/export?days=${days}`} data-testid="usage-export" className="text-sm text-brand-600 hover:underline" download>
          {t("admin.usage.export")}
        </a>
      </header>

      <section className="rounded-lg border border-gray-200 p-4 text-sm dark:border-gray-800" data-testid="balance">
        <div className="mb-2 flex items-center justify-between">
          <h2 className="font-medium">{t("admin.balance.title")}</h2>
          <button type="button" onClick={refresh} disabled={busy} data-testid="balance-refresh" className="rounded border px-2 py-0.5 disabled:opacity-50">
            {t("admin.balance.refresh")}
          </button>
        </div>
        {!balance && <p className="text-gray-500">{t("admin.balance.unknown")}</p>}
        {balance && (
          <>
            {balance.balances.map((b) => (
              <p key={b.currency} data-testid="balance-line">
                {t("admin.balance.total")}: <strong data-testid="balance-total">{`${b.total.toFixed(2)} ${b.currency}`}</strong> · {t("admin.balance.granted")}: {b.granted.toFixed(2)} · {t("admin.balance.toppedUp")}: {b.toppedUp.toFixed(2)}
              </p>
            ))}
            <p className={balance.isAvailable ? "text-green-700" : "text-red-700"} data-testid="balance-available">
              {balance.isAvailable ? t("admin.balance.available") : t("admin.balance.unavailable")}
            </p>
            <p className="text-xs text-gray-500">{t("admin.balance.fetchedAt", { time: balance.fetchedAt.slice(0, 16).replace("T", " ") + " UTC" })}</p>
            {balance.error && <p className="text-xs text-amber-700">{t("admin.balance.failed")}</p>}
          </>
        )}
      </section>

      <p className="text-sm text-gray-500">{t("usage.range", { days })}</p>
      <SummaryCards totals={report.totals} currency={currency} />
      <UsageCharts byDay={report.byDay} byModel={report.byModel} currency={currency} />
      <section>
        <h2 className="mb-2 font-medium">{t("usage.topSpenders")}</h2>
        <BucketTable
          buckets={report.byUser}
          keyLabel={t("usage.user")}
          testId="usage-by-user"
          currency={currency}
          action={(b) =>
            b.userId ? (
              <button
                type="button"
                onClick={() => setBudgetFor((open) => (open === b.userId ? null : b.userId!))}
                aria-expanded={budgetFor === b.userId}
                data-testid="user-budget-open"
                className="text-brand-600 hover:underline"
              >
                {t("usage2.budgetButton")}
              </button>
            ) : null
          }
          detail={(b) => (b.userId && b.userId === budgetFor ? <UserBudgetForm userId={b.userId} onClose={() => setBudgetFor(null)} /> : null)}
        />
      </section>
      <section>
        <h2 className="mb-2 font-medium">{t("usage.byModel")}</h2>
        <BucketTable buckets={report.byModel} keyLabel={t("usage.model")} testId="usage-by-model" currency={currency} />
      </section>
      <section>
        <h2 className="mb-2 font-medium">{t("usage.byDay")}</h2>
        <BucketTable buckets={report.byDay.filter((d) => d.requests > 0).reverse()} keyLabel={t("usage.day")} testId="usage-by-day" currency={currency} />
      </section>

      <AdminSettingsForm initial={settings} />
      <AdminPrices initial={prices} models={models} />

      <section>
        <h2 className="mb-2 font-medium">{t("admin.tokens.title")}</h2>
        <table className="w-full text-left text-sm" data-testid="admin-token-list">
          <thead className="text-xs text-gray-500">
            <tr>
              <th className="py-1">{t("tokens.name")}</th>
              <th>{t("tokens.owner")}</th>
              <th>{t("tokens.createdAt")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.map((tk) => (
              <tr key={tk.id} className="border-t border-gray-100 dark:border-gray-800">
                <td className="py-1">
                  {tk.name} <code className="text-xs text-gray-500">{tk.prefix}…</code>
                </td>
                <td>{tk.userEmail}</td>
                <td>{tk.createdAt.slice(0, 10)}</td>
                <td className="text-right">
                  {tk.revoked ? (
                    t("tokens.revoked")
                  ) : (
                    <button type="button" onClick={() => revoke(tk.id)} className="text-red-600 hover:underline">
                      {t("tokens.revoke")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
