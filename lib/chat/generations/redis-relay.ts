import "server-only";
import Redis from "ioredis";

// Cross-instance relay: each answer's SSE chunks go to a Redis stream so a reload that lands on
// another instance can replay and follow it; Stop requests travel on a pub/sub channel to the
// instance that owns the generation.
const STOP_CHANNEL = "shoal:generation:stop";
const END = "__end__";
const keyFor = (id: string) => `shoal:generation:${id}`;

export class RedisRelay {
  private readonly writer: Redis;
  private subscriber?: Redis;
  private readonly url: string;

  constructor(url: string) {
    this.url = url;
    this.writer = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: false });
    this.writer.on("error", (e) => console.error("[shoal] redis error", e.message));
  }

  // Chunks are batched per event-loop turn: one pipeline for every answer that produced tokens
  // since the last flush, one stream entry per answer, instead of a Redis round trip per token.
  private readonly pending = new Map<string, { chunks: string[]; first: boolean }>();
  private flushScheduled = false;

  append(id: string, chunk: string, first: boolean): void {
    let entry = this.pending.get(id);
    if (!entry) {
      entry = { chunks: [], first };
      this.pending.set(id, entry);
    }
    entry.chunks.push(chunk);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.pending.size === 0) return;
    const pipeline = this.writer.pipeline();
    for (const [id, { chunks, first }] of this.pending) {
      // A continued answer reuses its message id: its new stream must not follow the old one's end marker.
      if (first) pipeline.del(keyFor(id));
      pipeline.xadd(keyFor(id), "*", "c", chunks.join(""));
      if (first) pipeline.expire(keyFor(id), 3600);
    }
    this.pending.clear();
    void pipeline.exec().catch((e) => console.error("[shoal] redis append failed", e.message));
  }

  end(id: string): void {
    this.flush(); // same connection, so the end marker lands after the last chunks
    void this.writer
      .pipeline()
      .xadd(keyFor(id), "*", "c", END)
      .expire(keyFor(id), 600)
      .exec()
      .catch((e) => console.error("[shoal] redis end failed", e.message));
  }

  /** Whether a generation with this id is still running somewhere. */
  async isLive(id: string): Promise<boolean> {
    const last = await this.writer.xrevrange(keyFor(id), "+", "-", "COUNT", 1);
    return last.length > 0 && last[0][1][1] !== END;
  }

  /** Replay the stream from its first chunk, then follow it until its end marker. */
  stream(id: string): ReadableStream<Uint8Array> {
    const reader = this.writer.duplicate();
    let lastId = "0-0";
    let closed = false;
    const encoder = new TextEncoder();
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        for (;;) {
          const res = (await reader.xread("COUNT", 500, "BLOCK", 15_000, "STREAMS", keyFor(id), lastId)) as
            | Array<[string, Array<[string, string[]]>]>
            | null;
          if (closed) return;
          const entries = res?.[0]?.[1] ?? [];
          if (entries.length === 0) {
            if (!(await this.writer.exists(keyFor(id)))) {
              controller.close();
              reader.disconnect();
              return;
            }
            continue;
          }
          for (const [entryId, fields] of entries) {
            lastId = entryId;
            if (fields[1] === END) {
              controller.close();
              reader.disconnect();
              return;
            }
            controller.enqueue(encoder.encode(fields[1]));
          }
          return;
        }
      },
      cancel: () => {
        closed = true;
        reader.disconnect();
      },
    });
  }

  requestStop(id: string): Promise<number> {
    return this.writer.publish(STOP_CHANNEL, id);
  }

  onStopRequest(handler: (id: string) => void): void {
    if (this.subscriber) return;
    this.subscriber = new Redis(this.url);
    this.subscriber.on("error", (e) => console.error("[shoal] redis subscriber error", e.message));
    void this.subscriber.subscribe(STOP_CHANNEL);
    this.subscriber.on("message", (_channel, id: string) => handler(id));
  }

  async close(): Promise<void> {
    this.subscriber?.disconnect();
    await this.writer.quit().catch(() => this.writer.disconnect());
  }
}
