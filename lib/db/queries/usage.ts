import "server-only";
import type { PriceRow } from "@/lib/usage/pricing";
import { getDb } from "../client";

export type UsageStatus = "complete" | "stopped" | "error" | "interrupted";

export type NewUsageRecord = {
  userId: string;
  chatId?: string | null;
  apiTokenId?: string | null;
  source: "chat" | "api";
  model: string;
  inputCacheHitTokens: number;
  inputCacheMissTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  estimated: boolean;
  status: UsageStatus;
  errorCode?: string | null;
  peak: boolean;
  prices: PriceRow[];
  costUsd: number | null;
  costCny: number | null;
  startedAt: Date;
  finishedAt: Date;
};

export async function createUsageRecord(record: NewUsageRecord): Promise<{ id: string }> {
  return getDb().usageRecord.create({
    data: { ...record, prices: record.prices as object[], chatId: record.chatId ?? null, apiTokenId: record.apiTokenId ?? null },
    select: { id: true },
  });
}

export type UsageTotals = { tokens: number; costUsd: number; requests: number };

/** Totals since `since` for one user, or for the whole instance when userId is omitted. */
export async function sumUsage({ userId, since }: { userId?: string; since: Date }): Promise<UsageTotals> {
  const agg = await getDb().usageRecord.aggregate({
    where: { ...(userId ? { userId } : {}), startedAt: { gte: since } },
    _sum: { inputCacheHitTokens: true, inputCacheMissTokens: true, outputTokens: true, costUsd: true },
    _count: { _all: true },
  });
  const s = agg._sum;
  return {
    tokens: (s.inputCacheHitTokens ?? 0) + (s.inputCacheMissTokens ?? 0) + (s.outputTokens ?? 0),
    costUsd: s.costUsd ?? 0,
    requests: agg._count._all,
  };
}

export type UsageRow = {
  id: string;
  userId: string;
  userEmail: string;
  chatId: string | null;
  apiTokenId: string | null;
  source: string;
  model: string;
  inputCacheHitTokens: number;
  inputCacheMissTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  estimated: boolean;
  status: string;
  errorCode: string | null;
  peak: boolean;
  prices: PriceRow[];
  costUsd: number | null;
  costCny: number | null;
  startedAt: Date;
  finishedAt: Date | null;
};

/** Records in [from, to), oldest first; one user's or everyone's. Reports aggregate these in memory. */
export async function listUsage({ userId, from, to, limit = 50_000 }: { userId?: string; from: Date; to: Date; limit?: number }): Promise<UsageRow[]> {
  const rows = await getDb().usageRecord.findMany({
    where: { ...(userId ? { userId } : {}), startedAt: { gte: from, lt: to } },
    orderBy: [{ startedAt: "asc" }, { id: "asc" }],
    take: limit,
    include: { user: { select: { email: true } } },
  });
  return rows.map(({ user, prices, ...r }) => ({ ...r, userEmail: user.email, prices: (prices ?? []) as PriceRow[] }));
}
