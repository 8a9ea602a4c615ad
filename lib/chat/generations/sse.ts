import { UI_MESSAGE_STREAM_HEADERS } from "ai";

/** An AI SDK UI message stream response from already-framed SSE strings. */
export function sseResponse(stream: ReadableStream<string>): Response {
  return new Response(stream.pipeThrough(new TextEncoderStream()), { headers: UI_MESSAGE_STREAM_HEADERS });
}
