import "server-only";
import { env } from "@/lib/env";
import { refreshBalance } from "./balance";

const g = globalThis as { shoalBalanceTimer?: NodeJS.Timeout };

/** Refreshes the DeepSeek balance every BALANCE_REFRESH_MINUTES (0 = only on demand). */
export function startBalanceSchedule(): void {
  if (g.shoalBalanceTimer || env.BALANCE_REFRESH_MINUTES === 0) return;
  const tick = () => refreshBalance().catch((e) => console.error("[shoal] balance refresh failed", e));
  g.shoalBalanceTimer = setInterval(tick, env.BALANCE_REFRESH_MINUTES * 60_000);
  g.shoalBalanceTimer.unref();
  setTimeout(tick, 5_000).unref();
}
