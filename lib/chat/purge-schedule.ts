import "server-only";
import { purgeDeletedChats } from "@/lib/db/queries/chats";
import { repeatEvery } from "@/lib/ops/schedule";

/**
 * Deleted chats are kept for the undo window only. Every delete and restore purges the expired ones;
 * this sweep catches the rest (a last delete with nothing after it) within a minute. Several
 * instances may sweep at once: it is one idempotent DELETE.
 */
export function startChatPurgeSchedule(): void {
  repeatEvery("purging deleted chats", 60_000, () => purgeDeletedChats());
}
