// Next.js calls register() once per server process at start.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startBalanceSchedule } = await import("@/lib/usage/balance-schedule");
  startBalanceSchedule();
}
