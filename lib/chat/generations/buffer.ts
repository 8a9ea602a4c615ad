import { EventEmitter } from "node:events";
import type { WritePacer } from "./pacer";

const encoder = new TextEncoder();

/**
 * The SSE chunks of one answer, kept in memory on the instance that generates it, so the POST that
 * started it and any reload on this instance can replay from the first chunk and then follow live.
 */
export class ChunkBuffer {
  /** The chunks so far; once the answer ended, one string (a finished answer is kept for replay). */
  chunks: string[] = [];
  /** Bumped when `chunks` is joined; readers then continue by the characters they already got. */
  private compactions = 0;
  done = false;
  /** Clients still being sent this answer; shutdown waits for them to receive the last chunk. */
  readers = 0;
  private readonly events = new EventEmitter();

  /** With a pacer, chunks pushed with `batch` may wait for it (lib/chat/generations/pacer.ts). */
  constructor(private readonly pacer?: WritePacer) {
    this.events.setMaxListeners(0);
  }

  /** Append a chunk and send it to the readers: now, or (`batch`, a token) when the pacer says. */
  push(chunk: string, batch = false): void {
    this.chunks.push(chunk);
    if (batch && this.pacer?.hold(this.send)) return;
    this.pacer?.drop(this.send);
    this.send();
  }

  private readonly send = () => {
    this.events.emit("change");
  };

  end(): void {
    this.pacer?.drop(this.send);
    this.done = true;
    // Kept for a while after the end: one flat string instead of one string per token.
    if (this.chunks.length > 1) {
      this.compactions++;
      this.chunks = [this.chunks.join("")];
    }
    this.events.emit("change");
  }

  /**
   * Replay everything so far, then follow until the end, as UTF-8 bytes ready for the response.
   * Cancelling the stream only unsubscribes.
   */
  stream(): ReadableStream<Uint8Array> {
    let index = 0;
    // Characters sent so far, to continue a reader that was mid-answer when the buffer was compacted.
    let sent = 0;
    let compactions = this.compactions;
    let listener: (() => void) | undefined;
    let open = true;
    const release = () => {
      if (open) this.readers--;
      open = false;
    };
    this.readers++;
    return new ReadableStream<Uint8Array>({
      pull: (controller) =>
        new Promise<void>((resolve) => {
          const deliver = () => {
            if (compactions !== this.compactions) {
              compactions = this.compactions;
              const rest = this.chunks[0].slice(sent);
              index = 1;
              sent += rest.length;
              if (rest) {
                controller.enqueue(encoder.encode(rest));
                return true;
              }
            }
            if (index < this.chunks.length) {
              // One write for everything pending: a reader that fell behind catches up in one go.
              const pending = index === this.chunks.length - 1 ? this.chunks[index] : this.chunks.slice(index).join("");
              controller.enqueue(encoder.encode(pending));
              index = this.chunks.length;
              sent += pending.length;
              return true;
            }
            if (this.done) {
              controller.close();
              release();
              return true;
            }
            return false;
          };
          if (deliver()) return resolve();
          listener = () => {
            if (deliver()) {
              this.events.off("change", listener!);
              listener = undefined;
              resolve();
            }
          };
          this.events.on("change", listener);
        }),
      cancel: () => {
        if (listener) this.events.off("change", listener);
        release();
      },
    });
  }
}
