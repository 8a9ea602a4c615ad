import "server-only";
import { env } from "@/lib/env";
import { repeatEvery } from "@/lib/ops/schedule";
import { refreshBalance } from "./balance";

/** Refreshes the DeepSeek balance every BALANCE_REFRESH_MINUTES (0 = only on demand), first 5 s after start. */
export function startBalanceSchedule(): void {
  if (env.BALANCE_REFRESH_MINUTES === 0) return;
  repeatEvery("balance refresh", env.BALANCE_REFRESH_MINUTES * 60_000, refreshBalance, { firstAfterMs: 5_000 });
}
