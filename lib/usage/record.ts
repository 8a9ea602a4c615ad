import "server-only";
import { pricesInForce } from "@/lib/db/queries/prices";
import { createUsageRecord, type UsageStatus } from "@/lib/db/queries/usage";
import { costOf, estimateTokens, isPeak } from "./pricing";

export type ReportedUsage = {
  inputCacheHitTokens: number;
  inputCacheMissTokens: number;
  /** Includes reasoning tokens. */
  outputTokens: number;
  reasoningTokens: number;
};

export type UsageInput = {
  userId: string;
  chatId?: string | null;
  apiTokenId?: string | null;
  source: "chat" | "api";
  model: string;
  /** DeepSeek's final usage, when it arrived. */
  usage?: { [K in keyof ReportedUsage]?: number | null } | null;
  /** Used only when `usage` is missing (stopped/failed streams): the text sent and the text received. */
  estimate?: { prompt: string; reasoning?: string; output: string };
  status: UsageStatus;
  errorCode?: string | null;
  startedAt: Date;
  finishedAt?: Date;
};

/** Whether DeepSeek's final usage arrived (else the record is an estimate). */
export function hasFinalUsage(u: UsageInput["usage"]): u is NonNullable<UsageInput["usage"]> {
  return !!u && (u.inputCacheHitTokens != null || u.inputCacheMissTokens != null) && u.outputTokens != null;
}

/** Counts from the final usage, or an estimate (marked as such) when none came. */
export function resolveCounts(input: Pick<UsageInput, "usage" | "estimate">): ReportedUsage & { estimated: boolean } {
  const u = input.usage;
  if (hasFinalUsage(u)) {
    return {
      inputCacheHitTokens: u.inputCacheHitTokens ?? 0,
      inputCacheMissTokens: u.inputCacheMissTokens ?? 0,
      outputTokens: u.outputTokens ?? 0,
      reasoningTokens: u.reasoningTokens ?? 0,
      estimated: false,
    };
  }
  const e = input.estimate;
  const reasoning = estimateTokens(e?.reasoning ?? "");
  return {
    inputCacheHitTokens: 0,
    inputCacheMissTokens: estimateTokens(e?.prompt ?? ""),
    outputTokens: reasoning + estimateTokens(e?.output ?? ""),
    reasoningTokens: reasoning,
    estimated: true,
  };
}

/**
 * Writes one ledger row with the prices in force when the request started. Never throws: a ledger
 * failure is logged and must not turn a delivered answer into an error.
 */
export async function recordUsage(input: UsageInput): Promise<void> {
  try {
    const counts = resolveCounts(input);
    const peak = isPeak(input.startedAt);
    const prices = (await pricesInForce({ model: input.model, at: input.startedAt })).filter((p) => p.peak === peak);
    const cost = (currency: string) => {
      const p = prices.find((row) => row.currency === currency);
      return p ? costOf(counts, p) : null;
    };
    await createUsageRecord({
      userId: input.userId,
      chatId: input.chatId,
      apiTokenId: input.apiTokenId,
      source: input.source,
      model: input.model,
      ...counts,
      status: input.status,
      errorCode: input.errorCode ?? null,
      peak,
      prices,
      costUsd: cost("USD"),
      costCny: cost("CNY"),
      startedAt: input.startedAt,
      finishedAt: input.finishedAt ?? new Date(),
    });
  } catch (e) {
    console.error("[shoal] failed to record usage", { userId: input.userId, model: input.model }, e);
  }
}
