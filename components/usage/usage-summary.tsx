"use client";
import { useI18n } from "@/lib/i18n/client";
import type { Currency } from "@/lib/usage/pricing";
import type { Bucket, UsageReport } from "@/lib/usage/report";

const fmtInt = (n: number) => n.toLocaleString("en-US");
export const fmtUsd = (n: number) => `$${n < 1 ? n.toFixed(4) : n.toFixed(2)}`;
/** Money in the display currency chosen by the admin (USD: $, CNY: ¥). */
export const fmtMoney = (n: number, currency: Currency = "USD") => (currency === "CNY" ? `¥${n < 1 ? n.toFixed(4) : n.toFixed(2)}` : fmtUsd(n));
export const costIn = (b: Pick<Bucket, "costUsd" | "costCny">, currency: Currency) => (currency === "CNY" ? b.costCny : b.costUsd);
export const savedIn = (b: Pick<Bucket, "savedUsd" | "savedCny">, currency: Currency) => (currency === "CNY" ? b.savedCny : b.savedUsd);

export function SummaryCards({ totals, currency = "USD" }: { totals: UsageReport["totals"]; currency?: Currency }) {
  const { t } = useI18n();
  const cards: Array<[string, string, string]> = [
    ["usage-requests", t("usage.requests"), fmtInt(totals.requests)],
    ["usage-tokens", t("usage.tokens"), fmtInt(totals.tokens)],
    ["usage-cost", t("usage.cost"), fmtMoney(costIn(totals, currency), currency)],
    ["usage-cache-rate", t("usage.cacheHitRate"), `${(totals.cacheHitRate * 100).toFixed(1)}%`],
    ["usage-saved", t("usage.saved"), fmtMoney(savedIn(totals, currency), currency)],
  ];
  return (
    <>
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-5" data-currency={currency}>
        {cards.map(([id, label, value]) => (
          <div key={id} className="rounded-lg border border-gray-200 p-3 dark:border-gray-800">
            <dt className="text-xs text-gray-500">{label}</dt>
            <dd className="text-lg font-semibold" data-testid={id}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      {currency === "CNY" && totals.missingCny > 0 && (
        <p className="text-xs text-gray-500" data-testid="usage-missing-cny">
          {t("usage2.missingCny", { count: totals.missingCny })}
        </p>
      )}
    </>
  );
}

/** A table of buckets (by day, model or user). `action`/`detail` add a per-row button and a row below it. */
export function BucketTable({
  buckets,
  keyLabel,
  testId,
  currency = "USD",
  action,
  detail,
}: {
  buckets: Bucket[];
  keyLabel: string;
  testId: string;
  currency?: Currency;
  action?: (b: Bucket) => React.ReactNode;
  detail?: (b: Bucket) => React.ReactNode;
}) {
  const { t } = useI18n();
  if (buckets.length === 0) return <p className="text-sm text-gray-500">{t("usage.none")}</p>;
  const columns = action ? 7 : 6;
  return (
    <table className="w-full text-left text-sm" data-testid={testId}>
      <thead className="text-xs text-gray-500">
        <tr>
          <th className="py-1">{keyLabel}</th>
          <th>{t("usage.requests")}</th>
          <th>{t("usage.input")}</th>
          <th>{t("usage.output")}</th>
          <th>
            {t("usage.cost")} ({currency})
          </th>
          <th>{t("usage.saved")}</th>
          {action && <th />}
        </tr>
      </thead>
      <tbody>
        {buckets.map((b) => {
          const extra = detail?.(b);
          return [
            <tr key={b.key} className="border-t border-gray-100 dark:border-gray-800" data-row-key={b.key}>
              <td className="py-1">{b.key}</td>
              <td>{fmtInt(b.requests)}</td>
              <td>
                {fmtInt(b.hitTokens)} / {fmtInt(b.missTokens)}
              </td>
              <td>
                {fmtInt(b.outputTokens)} ({fmtInt(b.reasoningTokens)})
              </td>
              <td>{fmtMoney(costIn(b, currency), currency)}</td>
              <td>{fmtMoney(savedIn(b, currency), currency)}</td>
              {action && <td className="text-right">{action(b)}</td>}
            </tr>,
            extra ? (
              <tr key={`${b.key}:detail`}>
                <td colSpan={columns} className="pb-3">
                  {extra}
                </td>
              </tr>
            ) : null,
          ];
        })}
      </tbody>
    </table>
  );
}
