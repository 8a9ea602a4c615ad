// Where a turn's time to first token goes, seen from inside the app process (loaded by probe.ts,
// main thread only, so benchmark runs only). A turn is followed from Node's and undici's own
// diagnostics channels; nothing in the app is changed or called:
//   accepted   the server accepted the connection            (net.server.socket; only for the
//              connection's first request: a kept connection's next request has none)
//   arrived    its request headers were parsed                (http.server.request.start)
//   asked      the request to DeepSeek went out               (undici:client:sendHeaders: once it
//              has a connection, so a new connection to DeepSeek is part of the work before it)
//   answered   DeepSeek's first answer token arrived          (undici:request:bodyChunkReceived)
//   written    the first answer token was written to the response (ServerResponse#write)
// A turn is one the load generator tagged: its `x-request-id` starts with TURN_ID_PREFIX, and the
// same id is in the question's text, so it is in the body of the request to DeepSeek too
// (undici:request:bodyChunkSent), which is how the upstream request is matched to its turn. The
// first request that carries the id is the turn's answer; a retry of it (429/503) and the chat's
// title, asked later with the same question, are not followed.
// Times are epoch milliseconds (performance.timeOrigin + now) so the load generator, another
// process on the same machine, can put its own start and first-token times beside them.
import diagnostics from "node:diagnostics_channel";
import { ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { performance } from "node:perf_hooks";

export const TURN_ID_PREFIX = "bench-turn-";
const TURN_ID = /bench-turn-[A-Za-z0-9]+/;
/** Kept until the load generator collects them; a run that never does stops adding at this many. */
const MAX_TRACES = 50_000;

export type TurnTrace = { accepted?: number; arrived: number; asked?: number; answered?: number; written?: number };

const now = () => performance.timeOrigin + performance.now();
const traces = new Map<string, TurnTrace>();
const acceptedAt = new WeakMap<Socket, number>();
const headersSentAt = new WeakMap<object, number>();
const byUpstream = new WeakMap<object, TurnTrace>();
const byResponse = new WeakMap<ServerResponse, TurnTrace>();
const askedTurns = new WeakSet<TurnTrace>();

const text = (chunk: unknown): string =>
  typeof chunk === "string" ? chunk : ArrayBuffer.isView(chunk) ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString() : "";

export function startTurnTracing(): void {
  diagnostics.subscribe("net.server.socket", (m) => {
    acceptedAt.set((m as { socket: Socket }).socket, now());
  });
  diagnostics.subscribe("http.server.request.start", (m) => {
    const { request, response } = m as { request: { headers: Record<string, unknown>; socket: Socket }; response: ServerResponse };
    const id = request.headers["x-request-id"];
    if (typeof id !== "string" || !id.startsWith(TURN_ID_PREFIX) || traces.size >= MAX_TRACES) return;
    const trace: TurnTrace = { accepted: acceptedAt.get(request.socket), arrived: now() };
    acceptedAt.delete(request.socket);
    traces.set(id, trace);
    byResponse.set(response, trace);
  });
  diagnostics.subscribe("undici:client:sendHeaders", (m) => {
    headersSentAt.set((m as { request: object }).request, now());
  });
  diagnostics.subscribe("undici:request:bodyChunkSent", (m) => {
    const { request, chunk } = m as { request: object; chunk: unknown };
    const id = TURN_ID.exec(text(chunk))?.[0];
    const trace = id ? traces.get(id) : undefined;
    if (!trace || askedTurns.has(trace)) return;
    askedTurns.add(trace);
    trace.asked = headersSentAt.get(request);
    byUpstream.set(request, trace);
  });
  diagnostics.subscribe("undici:request:bodyChunkReceived", (m) => {
    const { request, chunk } = m as { request: object; chunk: unknown };
    const trace = byUpstream.get(request);
    if (!trace || !/"(?:content|reasoning_content)":"[^"]/.test(text(chunk))) return;
    trace.answered = now();
    byUpstream.delete(request);
  });
  const write = ServerResponse.prototype.write as (this: ServerResponse, ...args: unknown[]) => boolean;
  ServerResponse.prototype.write = function (this: ServerResponse, ...args: unknown[]) {
    const trace = byResponse.get(this);
    if (trace && /"type":"(?:text|reasoning)-delta"/.test(text(args[0]))) {
      trace.written = now();
      byResponse.delete(this);
    }
    return write.apply(this, args);
  } as typeof ServerResponse.prototype.write;
}

/** The turns traced since the last call (then forgotten). */
export function collectTurnTraces(): Record<string, TurnTrace> {
  const turns = Object.fromEntries(traces);
  traces.clear();
  return turns;
}
