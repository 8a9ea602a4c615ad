"use client";
import { useState } from "react";
import type { BudgetWarning } from "@/lib/usage/budget-math";
import { useI18n } from "@/lib/i18n/client";
import type { Locale, MessageKey } from "@/lib/i18n";

/** A reset time in the reader's language and time zone, with the zone named (budgets run on UTC). */
export function formatResetTime(iso: string, locale: Locale, timeZone?: string): string {
  // (dateStyle/timeStyle cannot be combined with timeZoneName: Intl throws a TypeError.)
  return new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en", {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
    timeZone,
  }).format(new Date(iso));
}

const periodKey = (period: string, scope: string): MessageKey =>
  scope === "instance" ? "usage2.scope.instance" : period === "daily" ? "usage2.period.daily" : "usage2.period.monthly";

/** "You have used 80 % of your monthly budget; resets on …": shown in the chat, dismissible. */
export function BudgetWarningNotice({ warning }: { warning: BudgetWarning }) {
  const { t, locale } = useI18n();
  const [dismissed, setDismissed] = useState<string | null>(null);
  const id = `${warning.scope}:${warning.period}:${warning.unit}:${warning.resetsAt}`;
  if (dismissed === id) return null;
  return (
    <div role="status" data-testid="budget-warning" data-percent={warning.percent} className="flex items-start justify-between gap-3 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-800 dark:bg-amber-950 dark:text-amber-200">
      <p>
        {t("usage2.warning", {
          percent: warning.percent,
          budget: t(periodKey(warning.period, warning.scope)),
          resetsAt: formatResetTime(warning.resetsAt, locale),
        })}
      </p>
      <button type="button" onClick={() => setDismissed(id)} data-testid="budget-warning-dismiss" aria-label={t("usage2.dismiss")} className="shrink-0 rounded px-1 hover:bg-amber-100 dark:hover:bg-amber-900">
        ×
      </button>
    </div>
  );
}

type RefusalDetail = { scope?: string; period?: string; resetsAt?: string };

/** The `quota:budget` refusal's detail (which budget, when it resets), from the failed request's body. */
export function budgetRefusalOf(error: Error | undefined): RefusalDetail | null {
  if (!error) return null;
  try {
    const body = JSON.parse(error.message) as { error?: { code?: string; detail?: RefusalDetail } };
    return body.error?.code === "quota:budget" && body.error.detail?.resetsAt ? body.error.detail : null;
  } catch {
    return null;
  }
}

/** "Your monthly budget is used up. It resets on …" */
export function BudgetRefusalText({ detail }: { detail: RefusalDetail }) {
  const { t, locale } = useI18n();
  return (
    <span data-testid="budget-refusal" data-resets-at={detail.resetsAt}>
      {t("usage2.refused", { budget: t(periodKey(detail.period ?? "monthly", detail.scope ?? "user")), resetsAt: formatResetTime(detail.resetsAt!, locale) })}
    </span>
  );
}
