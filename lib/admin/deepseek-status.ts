import "server-only";
import { listAvailableModels } from "@/lib/ai/model-list";
import { isDeepSeekConfigured } from "@/lib/ai/provider";
import { env } from "@/lib/env";
import { getBalanceSnapshot } from "@/lib/usage/balance";

export type DeepSeekStatus = {
  keyConfigured: boolean;
  baseUrl: string;
  models: string[];
  balance: { fetchedAt: string; isAvailable: boolean; balances: Array<{ currency: string; total: number }> } | null;
};

/** What the console shows about the upstream connection; never the key itself. */
export async function getDeepSeekStatus(): Promise<DeepSeekStatus> {
  const [models, balance] = await Promise.all([listAvailableModels(), getBalanceSnapshot()]);
  return {
    keyConfigured: isDeepSeekConfigured(),
    baseUrl: env.DEEPSEEK_BASE_URL,
    models: models.map((m) => m.id),
    balance: balance
      ? { fetchedAt: balance.fetchedAt, isAvailable: balance.isAvailable, balances: balance.balances.map((b) => ({ currency: b.currency, total: b.total })) }
      : null,
  };
}
