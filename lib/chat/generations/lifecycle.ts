import "server-only";
import { markStaleStreamingInterrupted } from "@/lib/db/queries/messages";
import { env } from "@/lib/env";
import { repeatEvery } from "@/lib/ops/schedule";
import { generations } from "./registry";

// A live answer checkpoints at least every 10 s; one silent for this long lost its process.
const STALE_MS = 45_000;
const SWEEP_EVERY_MS = 30_000;

async function sweep(staleMs: number) {
  const count = await markStaleStreamingInterrupted({ staleMs });
  if (count > 0) console.warn(`[shoal] marked ${count} answer(s) interrupted (their server process died)`);
}

/**
 * At start and then periodically: answers left "streaming" by a killed process become
 * "interrupted" (keeping their last checkpoint). With NEXT_MANUAL_SIG_HANDLE (set by `npm start` and the Docker entrypoint)
 * SIGTERM stops new chats, gives running answers SHUTDOWN_GRACE_SECONDS to finish, then saves and
 * exits.
 */
export function startGenerationLifecycle(): void {
  const guard = (staleMs: number) => sweep(staleMs).catch((e) => console.error("[shoal] interrupted-answer sweep failed", e));
  // Without Redis Shoal runs as one instance, so at start nothing else can own a running answer.
  // (If several instances share a database without Redis, a wrongly swept answer turns back to
  // streaming at its next checkpoint.)
  void guard(env.REDIS_URL ? STALE_MS : 0);
  repeatEvery("interrupted-answer sweep", SWEEP_EVERY_MS, () => sweep(STALE_MS));

  if (!env.NEXT_MANUAL_SIG_HANDLE) return;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[shoal] ${signal}: draining ${generations.size} running answer(s), grace ${env.SHUTDOWN_GRACE_SECONDS} s`);
    await generations.drain(env.SHUTDOWN_GRACE_SECONDS * 1000);
    console.log("[shoal] running answers saved; exiting");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}
