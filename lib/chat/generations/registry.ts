import "server-only";
import { env } from "@/lib/env";
import { ChunkBuffer } from "./buffer";
import { WritePacer } from "./pacer";
import { RedisRelay } from "./redis-relay";

export type StopReason = "user" | "shutdown";
export type Push = (sse: string, batch?: boolean) => void;

type Running = {
  id: string;
  chatId: string;
  userId: string;
  controller: AbortController;
  buffer: ChunkBuffer;
  done: Promise<void>;
};

/**
 * Answers belong to the server, not to the browser tab: each generation runs to its end here
 * whatever happens to the request that started it. Clients attach to its chunk buffer (replay +
 * live); with REDIS_URL the chunks are mirrored so another instance can serve a reload, and Stop
 * reaches the owning instance through pub/sub.
 */
class GenerationRegistry {
  private readonly running = new Map<string, Running>();
  // Finished buffers stay a minute so a reload racing the last chunk still gets a full replay.
  private readonly finished = new Map<string, ChunkBuffer>();
  private relay: RedisRelay | undefined;
  // One pacer for all answers of the process: one timer, whatever their number.
  private readonly pacer = new WritePacer();
  draining = false;

  constructor() {
    if (env.REDIS_URL) {
      this.relay = new RedisRelay(env.REDIS_URL);
      this.relay.onStopRequest((id) => this.abortLocal(id, "user"));
    }
  }

  get size(): number {
    return this.running.size;
  }

  /**
   * Run an answer: `produce` pushes its SSE chunks (already framed) straight into its buffer and,
   * with Redis, the relay; it ignores client disconnects. Chunks pushed with `batch` (tokens) may be
   * held briefly while the server is busy (./pacer.ts).
   */
  run({ produce, ...opts }: { id: string; chatId: string; userId: string; controller: AbortController; produce: (push: Push) => Promise<void> }): Running {
    const buffer = new ChunkBuffer(this.pacer);
    const relay = this.relay;
    let first = true;
    const push: Push = (sse, batch) => {
      buffer.push(sse, batch);
      relay?.append(opts.id, sse, first);
      first = false;
    };
    const done = (async () => {
      try {
        await produce(push);
      } catch (e) {
        console.error("[shoal] generation stream failed", opts.id, e);
      } finally {
        buffer.end();
        relay?.end(opts.id);
        this.running.delete(opts.id);
        this.finished.set(opts.id, buffer);
        setTimeout(() => this.finished.delete(opts.id), 60_000).unref();
      }
    })();
    const entry: Running = { ...opts, buffer, done };
    this.running.set(opts.id, entry);
    return entry;
  }

  /** A replay-then-live stream of an answer, from this instance or (with Redis) from any instance. */
  async attach(id: string): Promise<ReadableStream<Uint8Array> | null> {
    const local = this.running.get(id)?.buffer ?? this.finished.get(id);
    if (local) return local.stream();
    if (this.relay && (await this.relay.isLive(id))) return this.relay.stream(id);
    return null;
  }

  isRunningHere(id: string): boolean {
    return this.running.has(id);
  }

  reasonOf(id: string): StopReason | undefined {
    const reason = this.running.get(id)?.controller.signal.reason;
    return reason === "user" || reason === "shutdown" ? reason : undefined;
  }

  /** Stop an answer wherever it runs. Returns whether this instance owned it. */
  async stop(id: string): Promise<boolean> {
    if (this.abortLocal(id, "user")) return true;
    await this.relay?.requestStop(id);
    return false;
  }

  private abortLocal(id: string, reason: StopReason): boolean {
    const entry = this.running.get(id);
    if (!entry) return false;
    entry.controller.abort(reason);
    return true;
  }

  /** SIGTERM: refuse new answers, let running ones finish within the grace period, then stop them. */
  async drain(graceMs: number): Promise<void> {
    this.draining = true;
    const all = Promise.allSettled([...this.running.values()].map((r) => r.done));
    const timedOut = await Promise.race([all.then(() => false), sleep(graceMs).then(() => true)]);
    if (timedOut) {
      for (const id of this.running.keys()) this.abortLocal(id, "shutdown");
      await Promise.race([Promise.allSettled([...this.running.values()].map((r) => r.done)), sleep(5_000)]);
    }
    // Let connected clients receive the final chunks before the process exits: first until every
    // reader took its last chunk, then a moment for the response pipes to flush to the sockets.
    for (let waited = 0; waited < 5_000 && [...this.finished.values()].some((b) => b.readers > 0); waited += 50) {
      await sleep(50);
    }
    if (this.finished.size > 0) await sleep(1_000);
    await this.relay?.close();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());

const globalForRegistry = globalThis as { shoalGenerations?: GenerationRegistry };
export const generations: GenerationRegistry = (globalForRegistry.shoalGenerations ??= new GenerationRegistry());
