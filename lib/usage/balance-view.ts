import "server-only";
import { env } from "@/lib/env";
import { getBalanceSnapshot, refreshBalance, type BalanceSnapshot } from "./balance";
import { getUsageSettings } from "./settings";

export type BalanceAlert = { kind: "empty" } | { kind: "low"; amount: string } | null;

/** Which banner, if any, admins should see: a 402 was seen, or the balance is under the threshold. */
export function balanceAlert(snapshot: BalanceSnapshot | undefined, threshold: number | null): BalanceAlert {
  if (!snapshot) return null;
  if (snapshot.paymentRequiredAt || (!snapshot.isAvailable && snapshot.balances.length > 0)) return { kind: "empty" };
  if (threshold === null) return null;
  const low = snapshot.balances.find((b) => b.total < threshold);
  return low ? { kind: "low", amount: `${low.total.toFixed(2)} ${low.currency}` } : null;
}

/** The stored snapshot, refreshed first when older than the schedule says (so a page view also refreshes). */
export async function getFreshBalance(): Promise<BalanceSnapshot | undefined> {
  const snapshot = await getBalanceSnapshot();
  const maxAge = (env.BALANCE_REFRESH_MINUTES || 30) * 60_000;
  if (!snapshot || Date.now() - Date.parse(snapshot.fetchedAt) > maxAge) return (await refreshBalance()) ?? snapshot;
  return snapshot;
}

export async function getBalanceAlert(): Promise<BalanceAlert> {
  const [snapshot, settings] = await Promise.all([getFreshBalance(), getUsageSettings()]);
  return balanceAlert(snapshot, settings.lowBalanceThreshold);
}
