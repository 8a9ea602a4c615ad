import "server-only";
import { getDb } from "../client";

export type BudgetOverride = { dailyTokens: number | null; monthlyTokens: number | null; dailyUsd: number | null; monthlyUsd: number | null };

export async function getUserBudget({ userId }: { userId: string }): Promise<BudgetOverride | null> {
  return getDb().userBudget.findUnique({
    where: { userId },
    select: { dailyTokens: true, monthlyTokens: true, dailyUsd: true, monthlyUsd: true },
  });
}

export async function listUserBudgets(): Promise<Array<BudgetOverride & { userId: string }>> {
  return getDb().userBudget.findMany({ select: { userId: true, dailyTokens: true, monthlyTokens: true, dailyUsd: true, monthlyUsd: true } });
}

/** Sets a user's override; all fields null removes it (the role default applies again). */
export async function setUserBudget({ userId, budget }: { userId: string; budget: BudgetOverride }): Promise<void> {
  const db = getDb();
  if (Object.values(budget).every((v) => v === null)) {
    await db.userBudget.deleteMany({ where: { userId } });
    return;
  }
  await db.userBudget.upsert({ where: { userId }, update: budget, create: { userId, ...budget } });
}
