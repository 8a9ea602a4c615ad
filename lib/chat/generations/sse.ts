import { UI_MESSAGE_STREAM_HEADERS } from "ai";

/**
 * Streams are never compressed: `no-transform` keeps Next.js's gzip (and proxies) off them. Gzip
 * flushed after every token costs CPU per token and a zlib state (~256 KiB) per open stream, for a
 * few bytes saved per event.
 */
export const SSE_CACHE_CONTROL = "no-cache, no-transform";

/** An AI SDK UI message stream response from already-framed, already-encoded SSE bytes. */
export function sseResponse(stream: ReadableStream<Uint8Array>): Response {
  return new Response(stream, { headers: { ...UI_MESSAGE_STREAM_HEADERS, "cache-control": SSE_CACHE_CONTROL } });
}
