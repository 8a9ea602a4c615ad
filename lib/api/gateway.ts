import "server-only";
import { resolveModel } from "@/lib/ai/models";
import { upstreamHeaders } from "@/lib/ai/provider";
import { codeForStatus } from "@/lib/ai/upstream-errors";
import { env } from "@/lib/env";
import { SSE_CACHE_CONTROL } from "@/lib/chat/generations/sse";
import { AppError } from "@/lib/errors";
import { startMeter, type Meter } from "@/lib/usage/meter";
import type { ApiCaller } from "./auth";
import { createUsageTap, usageFromWire, type WireUsage } from "./sse-tap";
import { modelNotExist, wireError, wireErrorFromAppError } from "./wire-errors";

const MAX_BODY_BYTES = 8 * 1024 * 1024;

/**
 * POST /api/v1/chat/completions as a faithful proxy: the client's DeepSeek request goes upstream
 * unchanged except for the model name (legacy names are translated, since DeepSeek retired them)
 * and Shoal's key. The upstream JSON/SSE comes back byte for byte; a tap reads the usage on the way.
 */
export async function proxyChatCompletion(req: Request, caller: ApiCaller): Promise<Response> {
  const raw = await req.text();
  if (raw.length > MAX_BODY_BYTES) return wireError(413, "Request body too large", "bad_request:api", "invalid_request_error");
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(raw);
    if (!body || typeof body !== "object" || Array.isArray(body)) throw new Error("not an object");
  } catch {
    return wireError(400, "Failed to deserialize the JSON body into the target type", "invalid_request_error");
  }
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    return wireError(400, "Failed to deserialize the JSON body into the target type: missing field `messages`", "invalid_request_error");
  }
  const resolved = typeof body.model === "string" ? resolveModel(body.model) : undefined;
  if (!resolved) return modelNotExist();

  const upstreamBody: Record<string, unknown> = { ...body, model: resolved.model.id };
  if (resolved.forcedThinking !== undefined) upstreamBody.thinking = { type: resolved.forcedThinking ? "enabled" : "disabled" };
  const streaming = body.stream === true;
  const prompt = JSON.stringify(body.messages);

  const auth = upstreamHeaders(); // not configured → 503 before anything is counted
  const meter = await startMeter({ user: caller.user, source: "api", model: resolved.model.id, apiTokenId: caller.tokenId });
  let upstream: Response;
  try {
    upstream = await fetch(`${env.DEEPSEEK_BASE_URL}/chat/completions`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json", accept: streaming ? "text/event-stream" : "application/json" },
      body: JSON.stringify(upstreamBody),
      signal: req.signal,
    });
  } catch {
    if (req.signal.aborted) {
      await meter.end({ status: "stopped", usage: zeroUsage });
      return wireError(499, "Client closed request", "bad_request:api", "invalid_request_error");
    }
    await meter.end({ status: "error", errorCode: "offline:deepseek", usage: zeroUsage });
    return wireErrorFromAppError(new AppError("offline:deepseek"));
  }

  if (!upstream.ok) return upstreamFailure(upstream, meter);
  const res = streaming ? streamed(upstream, meter, prompt, req.signal) : await nonStreamed(upstream, meter, prompt);
  // 80 % warning, machine-readable: e.g. "monthly usd 0.85".
  const warning = meter.warnings.map((w) => `${w.period} ${w.unit} ${w.ratio.toFixed(2)}`).join(", ");
  if (warning) res.headers.set("x-shoal-budget-warning", warning);
  return res;
}

const zeroUsage = { inputCacheHitTokens: 0, inputCacheMissTokens: 0, outputTokens: 0, reasoningTokens: 0 };

async function upstreamFailure(upstream: Response, meter: Meter): Promise<Response> {
  const text = await upstream.text().catch(() => "");
  const code = codeForStatus(upstream.status);
  await meter.end({ status: "error", errorCode: code, usage: zeroUsage });
  // The request's own faults (400/422), DeepSeek's rate limits and outages are the caller's to see
  // as DeepSeek wrote them. Key and balance problems are Shoal's: the upstream message would name
  // (part of) Shoal's key, so it is replaced.
  if (upstream.status === 401 || upstream.status === 403) return wireErrorFromAppError(new AppError("unauthorized:deepseek"));
  if (upstream.status === 402) return wireErrorFromAppError(new AppError("payment_required:deepseek"));
  return new Response(text, {
    status: upstream.status,
    headers: { "content-type": upstream.headers.get("content-type") ?? "application/json" },
  });
}

async function nonStreamed(upstream: Response, meter: Meter, prompt: string): Promise<Response> {
  let text: string;
  try {
    // DeepSeek may send blank keep-alive lines before the JSON; they are dropped here.
    text = (await upstream.text()).trim();
  } catch {
    await meter.end({ status: "error", errorCode: "offline:deepseek", prompt });
    return wireErrorFromAppError(new AppError("offline:deepseek"));
  }
  let usage: WireUsage | undefined;
  let output = "";
  try {
    const json = JSON.parse(text) as { usage?: WireUsage; choices?: Array<{ message?: { content?: string | null } }> };
    usage = json.usage;
    output = json.choices?.map((c) => c.message?.content ?? "").join("") ?? "";
  } catch {
    // Not JSON: pass it on as received; the ledger gets an estimate.
  }
  await meter.end({ status: "complete", usage: usageFromWire(usage), prompt, output });
  return new Response(text, { status: 200, headers: { "content-type": "application/json" } });
}

function streamed(upstream: Response, meter: Meter, prompt: string, signal: AbortSignal): Response {
  const reader = upstream.body!.getReader();
  const tap = createUsageTap();
  const finish = (status: "complete" | "stopped" | "error", errorCode?: string) =>
    meter.end({ status, errorCode, usage: usageFromWire(tap.usage), prompt, output: tap.text });

  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          await finish(tap.finishReason ? "complete" : "error", tap.finishReason ? undefined : "upstream:deepseek");
          controller.close();
          return;
        }
        tap.push(value);
        controller.enqueue(value);
      } catch {
        await finish(signal.aborted ? "stopped" : "error", signal.aborted ? undefined : "offline:deepseek");
        controller.error(new Error("upstream stream failed"));
      }
    },
    async cancel() {
      await reader.cancel().catch(() => {});
      await finish("stopped");
    },
  });
  return new Response(body, {
    status: 200,
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": SSE_CACHE_CONTROL, "x-accel-buffering": "no" },
  });
}
