// Writing replies: SSE streams with pacing, keep-alives and scripted drops; non-streamed JSON bodies.
import type { ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { EmulatorConfig } from "./chat.ts";
import * as wire from "./chunks.ts";
import type { Directives, Output } from "./script.ts";

/** Sleep `ms` unless aborted; false when the request was aborted (client gone / server closing). */
export async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (ms <= 0) return !signal.aborted;
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

/** Non-streamed body, preceded by N blank lines (`[[keepalive:N]]`). Returns true when the body was sent. */
export async function jsonReply(
  config: EmulatorConfig,
  res: ServerResponse,
  signal: AbortSignal,
  json: string,
  keepalive: number,
): Promise<boolean> {
  if (keepalive > 0) {
    res.writeHead(200, { "content-type": "application/json" });
    for (let i = 0; i < keepalive; i++) {
      if (signal.aborted) return false;
      res.write("\n");
      if (!(await pause(config.keepAliveMs, signal))) return false;
    }
  } else {
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
  }
  res.end(json);
  return true;
}


/** Returns true when the stream ran to `data: [DONE]`. */
export async function streamReply(
  config: EmulatorConfig,
  res: ServerResponse,
  signal: AbortSignal,
  meta: wire.CompletionMeta,
  out: Output,
  usage: wire.Usage,
  d: Directives,
): Promise<boolean> {
  res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive" });
  res.flushHeaders();
  for (let i = 0; i < (d.keepalive ?? 0); i++) {
    if (signal.aborted) return false;
    res.write(wire.KEEP_ALIVE);
    if (!(await pause(config.keepAliveMs, signal))) return false;
  }
  if (signal.aborted) return false;
  res.write(wire.roleChunk(meta));
  const chunks = [
    ...out.reasoning.map((piece) => wire.reasoningChunk(meta, piece)),
    ...out.answer.map((piece) => wire.contentChunk(meta, piece)),
  ];
  const delay = d.slow ?? config.tokenDelayMs;
  const limit = d.drop === undefined ? chunks.length : Math.min(d.drop, chunks.length);
  for (let i = 0; i < limit; i++) {
    if (!(await pause(delay, signal))) return false;
    res.write(chunks[i]);
  }
  if (d.drop !== undefined) {
    // Mid-stream disconnect: flush what was written (the socket is corked until next tick), then close
    // without the chunked terminator; the client sees a truncated body.
    const socket = res.socket;
    socket?.end(() => socket.destroy());
    return false;
  }
  if (signal.aborted) return false;
  res.write(wire.finalChunk(meta, out.finishReason, usage));
  res.end(wire.DONE);
  return true;
}
