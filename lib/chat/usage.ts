import type { LanguageModelUsage } from "ai";
import type { MessageUsage } from "@/lib/db/queries/messages";

/** DeepSeek usage as the provider reports it → the columns stored on a message. */
export function usageFromSdk(usage: LanguageModelUsage | undefined): MessageUsage | undefined {
  if (!usage || usage.inputTokens === undefined) return undefined;
  const hit = usage.inputTokenDetails?.cacheReadTokens ?? 0;
  return {
    inputCacheHitTokens: hit,
    inputCacheMissTokens: usage.inputTokenDetails?.noCacheTokens ?? usage.inputTokens - hit,
    outputTokens: usage.outputTokens ?? null,
    reasoningTokens: usage.outputTokenDetails?.reasoningTokens ?? 0,
  };
}
