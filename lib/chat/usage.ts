import type { ProviderUsage } from "@/lib/ai/answer-stream";
import type { MessageUsage } from "@/lib/db/queries/messages";

/** DeepSeek usage as @ai-sdk/deepseek reports it on the finish part → the columns stored on a message. */
export function usageFromProvider(usage: ProviderUsage | undefined): MessageUsage | undefined {
  if (!usage || usage.inputTokens.total === undefined) return undefined;
  const hit = usage.inputTokens.cacheRead ?? 0;
  return {
    inputCacheHitTokens: hit,
    inputCacheMissTokens: usage.inputTokens.noCache ?? usage.inputTokens.total - hit,
    outputTokens: usage.outputTokens.total ?? null,
    reasoningTokens: usage.outputTokens.reasoning ?? 0,
  };
}
