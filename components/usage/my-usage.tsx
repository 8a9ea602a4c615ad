"use client";
import Link from "next/link";
import { useI18n } from "@/lib/i18n/client";
import type { BudgetView } from "@/lib/usage/page-data";
import type { Currency } from "@/lib/usage/pricing";
import type { UsageReport } from "@/lib/usage/report";
import { UsageCharts } from "./usage-charts";
import { BucketTable, fmtUsd, SummaryCards } from "./usage-summary";

type Props = { report: UsageReport; budget: BudgetView; days: number; isAdmin: boolean; currency?: Currency };

export function MyUsage({ report, budget, days, isAdmin, currency = "USD" }: Props) {
  const { t } = useI18n();
  return (
    <div className="mx-auto h-full max-w-5xl space-y-6 overflow-y-auto p-6">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold">{t("usage.title")}</h1>
        <nav className="flex gap-4 text-sm text-brand-600">
          <Link href="/settings/tokens" data-testid="tokens-link">
            {t("usage.tokensLink")}
          </Link>
          {isAdmin && (
            <Link href="/admin/usage" data-testid="admin-usage-link">
              {t("usage.adminLink")}
            </Link>
          )}
        </nav>
      </header>
      <p className="text-sm text-gray-500">{t("usage.range", { days })}</p>
      {budget.warningPercent !== null && (
        <p role="status" data-testid="budget-warning" className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-800 dark:bg-amber-950 dark:text-amber-200">
          {t("usage.budget.warning", { percent: budget.warningPercent })}
        </p>
      )}
      <SummaryCards totals={report.totals} currency={currency} />
      <section aria-label={t("usage.budget")} className="text-sm" data-testid="budget">
        <h2 className="mb-1 font-medium">{t("usage.budget")}</h2>
        {budget.lines.length === 0 && <p className="text-gray-500">{t("usage.budget.none")}</p>}
        <ul>
          {budget.lines.map((l) => (
            <li key={`${l.period}-${l.unit}`}>
              {t("usage.budget.line", {
                period: t(`usage.budget.${l.period}`),
                unit: t(`usage.budget.${l.unit}`),
                used: l.unit === "usd" ? fmtUsd(l.used) : l.used.toLocaleString("en-US"),
                limit: l.unit === "usd" ? fmtUsd(l.limit) : l.limit.toLocaleString("en-US"),
              })}
            </li>
          ))}
          {budget.instance && <li>{t("usage.budget.instance", { used: fmtUsd(budget.instance.used), limit: fmtUsd(budget.instance.limit) })}</li>}
        </ul>
      </section>
      <UsageCharts byDay={report.byDay} byModel={report.byModel} currency={currency} />
      <section>
        <h2 className="mb-2 font-medium">{t("usage.byModel")}</h2>
        <BucketTable buckets={report.byModel} keyLabel={t("usage.model")} testId="usage-by-model" currency={currency} />
      </section>
      <section>
        <h2 className="mb-2 font-medium">{t("usage.byDay")}</h2>
        <BucketTable buckets={report.byDay.filter((d) => d.requests > 0).reverse()} keyLabel={t("usage.day")} testId="usage-by-day" currency={currency} />
      </section>
      <footer className="space-y-1 text-xs text-gray-500">
        <p>{t("usage.costNote")}</p>
        {report.totals.estimatedRequests > 0 && <p>{t("usage.estimated", { count: report.totals.estimatedRequests })}</p>}
      </footer>
    </div>
  );
}
