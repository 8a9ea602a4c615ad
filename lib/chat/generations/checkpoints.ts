import "server-only";
import { checkpointAssistants, type AssistantCheckpoint } from "@/lib/db/queries/messages";

// Progress is written at most this often while an answer streams (plus a heartbeat when idle).
export const CHECKPOINT_MS = 1_000;
export const HEARTBEAT_EVERY = 10;

type Source = {
  /** Bumped whenever the answer changed since the last look. */
  version(): number;
  /** The answer's parts as they should be stored now. */
  parts(): unknown;
};
type Entry = { source: Source; saved: number; idleTicks: number };

/**
 * One process-wide timer checkpoints every live answer each second: an answer that changed since
 * its last write is written once (its parts, status and `updatedAt`); an unchanged one gets a
 * heartbeat (`updatedAt` only) every HEARTBEAT_EVERY ticks, which keeps the stale-answer sweep away.
 * All writes of a tick go to the database together (see `checkpointAssistants`), so the cost is
 * O(1) per second per live answer and one timer however many answers stream.
 */
export class CheckpointTicker {
  private readonly live = new Map<string, Entry>();
  private timer: NodeJS.Timeout | undefined;
  private writing = false;

  constructor(
    private readonly write: (batch: AssistantCheckpoint[]) => Promise<void> = checkpointAssistants,
    private readonly everyMs = CHECKPOINT_MS,
  ) {}

  get size(): number {
    return this.live.size;
  }

  add(assistantId: string, source: Source): void {
    this.live.set(assistantId, { source, saved: source.version(), idleTicks: 0 });
    this.timer ??= setInterval(() => void this.tick(), this.everyMs);
  }

  /** The answer ended (its final save is the caller's): no further checkpoint for it. */
  remove(assistantId: string): void {
    this.live.delete(assistantId);
    if (this.live.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  async tick(): Promise<void> {
    // A slow database must not pile up writes: the next tick writes the latest state instead.
    if (this.writing) return;
    const batch: AssistantCheckpoint[] = [];
    for (const [assistantId, entry] of this.live) {
      entry.idleTicks++;
      const version = entry.source.version();
      if (version !== entry.saved) {
        entry.saved = version;
        entry.idleTicks = 0;
        batch.push({ assistantId, parts: entry.source.parts() });
      } else if (entry.idleTicks >= HEARTBEAT_EVERY) {
        entry.idleTicks = 0;
        batch.push({ assistantId });
      }
    }
    if (batch.length === 0) return;
    this.writing = true;
    try {
      await this.write(batch);
    } catch (e) {
      console.error("[shoal] checkpoint failed", e);
    } finally {
      this.writing = false;
    }
  }
}

const globalForTicker = globalThis as { shoalCheckpoints?: CheckpointTicker };
export const checkpoints: CheckpointTicker = (globalForTicker.shoalCheckpoints ??= new CheckpointTicker());
