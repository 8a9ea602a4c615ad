"use client";
import { useI18n } from "@/lib/i18n/client";
import type { Bucket, UsageReport } from "@/lib/usage/report";

const fmtInt = (n: number) => n.toLocaleString("en-US");
export const fmtUsd = (n: number) => `$${n < 1 ? n.toFixed(4) : n.toFixed(2)}`;

export function SummaryCards({ totals }: { totals: UsageReport["totals"] }) {
  const { t } = useI18n();
  const cards: Array<[string, string, string]> = [
    ["usage-requests", t("usage.requests"), fmtInt(totals.requests)],
    ["usage-tokens", t("usage.tokens"), fmtInt(totals.tokens)],
    ["usage-cost", t("usage.cost"), fmtUsd(totals.costUsd) + (totals.costCny ? ` · ¥${totals.costCny.toFixed(2)}` : "")],
    ["usage-cache-rate", t("usage.cacheHitRate"), `${(totals.cacheHitRate * 100).toFixed(1)}%`],
    ["usage-saved", t("usage.saved"), fmtUsd(totals.savedUsd)],
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 md:grid-cols-5">
      {cards.map(([id, label, value]) => (
        <div key={id} className="rounded-lg border border-gray-200 p-3 dark:border-gray-800">
          <dt className="text-xs text-gray-500">{label}</dt>
          <dd className="text-lg font-semibold" data-testid={id}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** A table of buckets (by day, model or user). */
export function BucketTable({ buckets, keyLabel, testId }: { buckets: Bucket[]; keyLabel: string; testId: string }) {
  const { t } = useI18n();
  if (buckets.length === 0) return <p className="text-sm text-gray-500">{t("usage.none")}</p>;
  return (
    <table className="w-full text-left text-sm" data-testid={testId}>
      <thead className="text-xs text-gray-500">
        <tr>
          <th className="py-1">{keyLabel}</th>
          <th>{t("usage.requests")}</th>
          <th>{t("usage.input")}</th>
          <th>{t("usage.output")}</th>
          <th>{t("usage.cost")}</th>
          <th>{t("usage.saved")}</th>
        </tr>
      </thead>
      <tbody>
        {buckets.map((b) => (
          <tr key={b.key} className="border-t border-gray-100 dark:border-gray-800">
            <td className="py-1">{b.key}</td>
            <td>{fmtInt(b.requests)}</td>
            <td>
              {fmtInt(b.hitTokens)} / {fmtInt(b.missTokens)}
            </td>
            <td>
              {fmtInt(b.outputTokens)} ({fmtInt(b.reasoningTokens)})
            </td>
            <td>{fmtUsd(b.costUsd)}</td>
            <td>{fmtUsd(b.savedUsd)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
