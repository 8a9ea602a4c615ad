// Next.js calls register() once per server process at start.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ startGenerationLifecycle }, { startBalanceSchedule }] = await Promise.all([
    import("./lib/chat/generations/lifecycle"),
    import("./lib/usage/balance-schedule"),
  ]);
  startGenerationLifecycle();
  startBalanceSchedule();
  (await import("./lib/chat/purge-schedule")).startChatPurgeSchedule();
}
