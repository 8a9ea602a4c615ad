import "server-only";
import { listUsage } from "@/lib/db/queries/usage";
import type { AppUser } from "@/lib/db/queries/users";
import { getBudgetStatus } from "./budgets";
import { buildReport, type UsageReport } from "./report";

export const REPORT_DAYS = 30;

export function reportRange(now = new Date(), days = REPORT_DAYS): { from: Date; to: Date } {
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
  return { from: new Date(to.getTime() - days * 86_400_000), to };
}

export type BudgetView = {
  lines: Array<{ period: "daily" | "monthly"; unit: "tokens" | "usd"; limit: number; used: number; ratio: number }>;
  warningPercent: number | null;
  instance: { used: number; limit: number } | null;
};

export async function getMyUsage(user: AppUser): Promise<{ report: UsageReport; budget: BudgetView }> {
  const range = reportRange();
  const [rows, status] = await Promise.all([listUsage({ userId: user.id, ...range }), getBudgetStatus(user)]);
  const worst = status.warnings.reduce((m, w) => Math.max(m, w.ratio), 0);
  return {
    report: buildReport(rows, range),
    budget: {
      lines: status.lines.map((l) => ({ ...l, ratio: Number.isFinite(l.ratio) ? l.ratio : 1 })),
      warningPercent: worst > 0 ? Math.floor(worst * 100) : null,
      instance: status.instance ? { used: status.instance.used, limit: status.instance.limit } : null,
    },
  };
}

export async function getTeamUsage(): Promise<UsageReport> {
  const range = reportRange();
  return buildReport(await listUsage(range), range);
}
