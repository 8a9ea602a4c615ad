import "server-only";
import { purgeDeletedChats } from "@/lib/db/queries/chats";

const g = globalThis as { shoalChatPurgeTimer?: NodeJS.Timeout };
const SWEEP_MS = 60_000;

/**
 * Deleted chats are kept for the undo window only. Every delete and restore purges the expired ones;
 * this sweep catches the rest (a last delete with nothing after it) within a minute. Several
 * instances may sweep at once: it is one idempotent DELETE.
 */
export function startChatPurgeSchedule(): void {
  if (g.shoalChatPurgeTimer) return;
  g.shoalChatPurgeTimer = setInterval(() => {
    purgeDeletedChats().catch((e) => console.error("[shoal] purging deleted chats failed", e));
  }, SWEEP_MS);
  g.shoalChatPurgeTimer.unref();
}
