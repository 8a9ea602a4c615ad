// Budget periods and checks. Pure, so the boundaries are unit-tested.

export type Period = "daily" | "monthly";
export type Limits = { dailyTokens: number | null; monthlyTokens: number | null; dailyUsd: number | null; monthlyUsd: number | null };
export type Spent = { tokens: number; costUsd: number };

/** Budget periods are UTC calendar days and months. */
export function periodStart(period: Period, now: Date): Date {
  return period === "daily"
    ? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))
    : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

export function periodEnd(period: Period, now: Date): Date {
  return period === "daily"
    ? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1))
    : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
}

export type BudgetLine = { period: Period; unit: "tokens" | "usd"; limit: number; used: number; ratio: number };

/** Every configured limit with how much of it is used. */
export function budgetLines(limits: Limits, spent: Record<Period, Spent>): BudgetLine[] {
  const lines: BudgetLine[] = [];
  const add = (period: Period, unit: "tokens" | "usd", limit: number | null) => {
    if (limit === null || limit === undefined) return;
    const used = unit === "tokens" ? spent[period].tokens : spent[period].costUsd;
    lines.push({ period, unit, limit, used, ratio: limit === 0 ? Infinity : used / limit });
  };
  add("daily", "tokens", limits.dailyTokens);
  add("daily", "usd", limits.dailyUsd);
  add("monthly", "tokens", limits.monthlyTokens);
  add("monthly", "usd", limits.monthlyUsd);
  return lines;
}

/** The first exhausted line (used ≥ limit): a request is refused before it reaches DeepSeek. */
export function exhausted(lines: BudgetLine[]): BudgetLine | undefined {
  return lines.find((l) => l.used >= l.limit);
}

export const WARN_RATIO = 0.8;

/** Lines at or past 80 % but not exhausted. */
export function warnings(lines: BudgetLine[]): BudgetLine[] {
  return lines.filter((l) => l.ratio >= WARN_RATIO && l.used < l.limit);
}

/** A user's override field wins when set; otherwise the role default. */
export function mergeLimits(role: Limits, override: Partial<Limits> | null): Limits {
  const pick = (k: keyof Limits) => (override?.[k] ?? null) !== null ? override![k]! : role[k];
  return { dailyTokens: pick("dailyTokens"), monthlyTokens: pick("monthlyTokens"), dailyUsd: pick("dailyUsd"), monthlyUsd: pick("monthlyUsd") };
}

/** What the chat shows at 80 %: the most used budget line, as a share, and when its period ends. */
export type BudgetWarning = { percent: number; period: Period; unit: "tokens" | "usd"; scope: "user" | "instance"; resetsAt: string };

export function worstWarning(lines: BudgetLine[], instance: BudgetLine | undefined, now: Date): BudgetWarning | null {
  const all = warnings(instance ? [...lines, instance] : lines);
  if (all.length === 0) return null;
  const worst = all.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  return {
    percent: Math.floor(worst.ratio * 100),
    period: worst.period,
    unit: worst.unit,
    scope: worst === instance ? "instance" : "user",
    resetsAt: periodEnd(worst.period, now).toISOString(),
  };
}
