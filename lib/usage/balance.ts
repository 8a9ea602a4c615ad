import "server-only";
import { upstreamHeaders, isDeepSeekConfigured } from "@/lib/ai/provider";
import { getSetting, putSetting } from "@/lib/db/queries/settings";
import { env } from "@/lib/env";

export type BalanceInfo = { currency: string; total: number; granted: number; toppedUp: number };
export type BalanceSnapshot = {
  isAvailable: boolean;
  balances: BalanceInfo[];
  fetchedAt: string;
  /** Set when a DeepSeek call last answered 402; cleared by a refresh that finds credit. */
  paymentRequiredAt?: string | null;
  error?: string | null;
};

const KEY = "deepseek.balance";

type WireBalance = {
  is_available?: boolean;
  balance_infos?: Array<{ currency?: string; total_balance?: string; granted_balance?: string; topped_up_balance?: string }>;
};

/** DeepSeek sends the amounts as strings. */
export function parseBalance(body: WireBalance, fetchedAt: Date): BalanceSnapshot {
  return {
    isAvailable: body.is_available === true,
    balances: (body.balance_infos ?? []).map((b) => ({
      currency: b.currency ?? "CNY",
      total: Number(b.total_balance ?? 0),
      granted: Number(b.granted_balance ?? 0),
      toppedUp: Number(b.topped_up_balance ?? 0),
    })),
    fetchedAt: fetchedAt.toISOString(),
  };
}

export async function getBalanceSnapshot(): Promise<BalanceSnapshot | undefined> {
  return getSetting<BalanceSnapshot>({ key: KEY });
}

/** Calls GET /user/balance and stores the answer (or the failure) for every app instance to read. */
export async function refreshBalance(): Promise<BalanceSnapshot | undefined> {
  if (!isDeepSeekConfigured()) return undefined;
  const previous = await getBalanceSnapshot();
  let snapshot: BalanceSnapshot;
  try {
    const res = await fetch(`${env.DEEPSEEK_BASE_URL}/user/balance`, { headers: upstreamHeaders(), signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`status ${res.status}`);
    snapshot = parseBalance((await res.json()) as WireBalance, new Date());
    snapshot.paymentRequiredAt = snapshot.isAvailable ? null : (previous?.paymentRequiredAt ?? null);
  } catch (e) {
    // Keep the last good numbers; record only that the refresh failed (never the upstream body).
    snapshot = { ...(previous ?? { isAvailable: true, balances: [] }), fetchedAt: new Date().toISOString(), error: (e as Error).message };
  }
  await putSetting({ key: KEY, value: snapshot });
  return snapshot;
}

/** A 402 from DeepSeek: remember it so admins see the banner on their next page. */
export async function notePaymentRequired(): Promise<void> {
  try {
    const previous = await getBalanceSnapshot();
    await putSetting({
      key: KEY,
      value: { ...(previous ?? { isAvailable: false, balances: [], fetchedAt: new Date(0).toISOString() }), isAvailable: false, paymentRequiredAt: new Date().toISOString() },
    });
  } catch (e) {
    console.error("[shoal] failed to note DeepSeek 402", e);
  }
}
