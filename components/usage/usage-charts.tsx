"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useI18n } from "@/lib/i18n/client";
import type { Currency } from "@/lib/usage/pricing";
import type { Bucket } from "@/lib/usage/report";
import { costIn } from "./usage-summary";

/** Tokens per day (cache hit / miss / output stacked) and cost per model. */
export function UsageCharts({ byDay, byModel, currency = "USD" }: { byDay: Bucket[]; byModel: Bucket[]; currency?: Currency }) {
  const { t } = useI18n();
  const days = byDay.map((d) => ({ day: d.key.slice(5), hit: d.hitTokens, miss: d.missTokens, output: d.outputTokens }));
  const models = byModel.map((m) => ({ model: m.key, cost: Number(costIn(m, currency).toFixed(6)) }));
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <figure data-testid="chart-by-day" className="rounded-lg border border-gray-200 p-3 dark:border-gray-800">
        <figcaption className="mb-2 text-sm font-medium">{t("usage.byDay")} · {t("usage.tokens")}</figcaption>
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={days}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="day" fontSize={11} />
            <YAxis fontSize={11} width={60} />
            <Tooltip />
            <Legend />
            <Bar dataKey="hit" stackId="t" fill="#22c55e" name={t("usage.legend.hit")} isAnimationActive={false} />
            <Bar dataKey="miss" stackId="t" fill="#3b6cf6" name={t("usage.legend.miss")} isAnimationActive={false} />
            <Bar dataKey="output" stackId="t" fill="#f59e0b" name={t("usage.legend.output")} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <figure data-testid="chart-by-model" className="rounded-lg border border-gray-200 p-3 dark:border-gray-800">
        <figcaption className="mb-2 text-sm font-medium">{t("usage.byModel")} · {t("usage.cost")} ({currency})</figcaption>
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={models}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="model" fontSize={11} />
            <YAxis fontSize={11} width={60} />
            <Tooltip />
            <Bar dataKey="cost" fill="#3b6cf6" name={currency} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </figure>
    </div>
  );
}
