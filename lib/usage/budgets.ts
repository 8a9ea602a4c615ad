import "server-only";
import { getUserBudget } from "@/lib/db/queries/budgets";
import { sumUsage } from "@/lib/db/queries/usage";
import type { AppUser } from "@/lib/db/queries/users";
import { AppError } from "@/lib/errors";
import { budgetLines, exhausted, mergeLimits, periodEnd, periodStart, warnings, type BudgetLine, type Limits, type Spent } from "./budget-math";
import { getUsageSettings } from "./settings";

/** Spend that was not summed because no limit needed it (assertWithinBudget's fast path). */
const NOT_SUMMED: Spent = { tokens: 0, costUsd: 0 };

export type BudgetStatus = {
  limits: Limits;
  /** The role's default limits, before the user's override. */
  roleDefault: Limits;
  /** Spent this UTC day and month, whether or not a limit is set (zeros on the fast path of assertWithinBudget when no limit is set). */
  spent: Record<"daily" | "monthly", Spent>;
  lines: BudgetLine[];
  warnings: BudgetLine[];
  instance?: BudgetLine;
};

/** The user's limits (override over role default) and usage so far this UTC day and month. */
export async function getBudgetStatus(
  user: Pick<AppUser, "id" | "role">,
  now = new Date(),
  { spendOnlyIfLimited = false }: { spendOnlyIfLimited?: boolean } = {},
): Promise<BudgetStatus> {
  const settings = await getUsageSettings();
  const roleDefault = settings.roleBudgets[user.role] ?? settings.roleBudgets.member;
  const limits = mergeLimits(roleDefault, await getUserBudget({ userId: user.id }));
  // The check before every request skips the two sums when this user has no limit at all (the
  // common case): they scan the user's ledger for the day and the month.
  const unlimited = Object.values(limits).every((v) => v === null);
  const [daily, monthly] =
    spendOnlyIfLimited && unlimited
      ? [NOT_SUMMED, NOT_SUMMED]
      : await Promise.all([
          sumUsage({ userId: user.id, since: periodStart("daily", now) }),
          sumUsage({ userId: user.id, since: periodStart("monthly", now) }),
        ]);
  const lines = budgetLines(limits, { daily, monthly });
  let instance: BudgetLine | undefined;
  if (settings.instanceMonthlyUsd !== null) {
    const all = await sumUsage({ since: periodStart("monthly", now) });
    instance = budgetLines({ dailyTokens: null, dailyUsd: null, monthlyTokens: null, monthlyUsd: settings.instanceMonthlyUsd }, { daily: all, monthly: all })[0];
  }
  return { limits, roleDefault, spent: { daily, monthly }, lines, warnings: warnings(instance ? [...lines, instance] : lines), instance };
}

/**
 * Refuses a new request when a budget is used up. Requests already running are not cut off; they
 * finish and are counted, so a budget can be overshot by what was in flight.
 */
export async function assertWithinBudget(user: Pick<AppUser, "id" | "role">, now = new Date()): Promise<BudgetStatus> {
  const status = await getBudgetStatus(user, now, { spendOnlyIfLimited: true });
  const hit = status.instance && exhausted([status.instance]) ? { line: status.instance, scope: "instance" } : undefined;
  const own = exhausted(status.lines);
  const refused = hit ?? (own ? { line: own, scope: "user" } : undefined);
  if (refused) {
    throw new AppError("quota:budget", {
      scope: refused.scope,
      period: refused.line.period,
      unit: refused.line.unit,
      limit: refused.line.limit,
      used: Math.round(refused.line.used * 1e6) / 1e6,
      resetsAt: periodEnd(refused.line.period, now).toISOString(),
    });
  }
  return status;
}
