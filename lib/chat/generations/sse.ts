import { UI_MESSAGE_STREAM_HEADERS } from "ai";

/** An AI SDK UI message stream response from already-framed, already-encoded SSE bytes. */
export function sseResponse(stream: ReadableStream<Uint8Array>): Response {
  return new Response(stream, { headers: UI_MESSAGE_STREAM_HEADERS });
}
