import "server-only";
import { createDeepSeek } from "@ai-sdk/deepseek";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { betaBaseUrl } from "./beta-url";
import { createUpstreamFetch, type UpstreamEventListener } from "./upstream-fetch";

export type { UpstreamEvent, UpstreamEventListener } from "./upstream-fetch";

// The upstream base URL and key come only from server env; no request can choose them.
let provider: ReturnType<typeof createDeepSeek> | undefined;

export function isDeepSeekConfigured(): boolean {
  return Boolean(env.DEEPSEEK_API_KEY);
}

function build(onUpstreamEvent?: UpstreamEventListener, beta = false) {
  if (!env.DEEPSEEK_API_KEY) throw new AppError("not_configured:deepseek");
  return createDeepSeek({
    apiKey: env.DEEPSEEK_API_KEY,
    // The beta base URL enables chat prefix completion ("Continue"); @ai-sdk/deepseek checks for `/beta`.
    baseURL: beta ? betaBaseUrl(env.DEEPSEEK_BASE_URL) : env.DEEPSEEK_BASE_URL,
    fetch: createUpstreamFetch({
      idleTimeoutMs: env.DEEPSEEK_IDLE_TIMEOUT_SECONDS * 1000,
      maxRetries: env.DEEPSEEK_MAX_RETRIES,
      onEvent: onUpstreamEvent,
    }),
  });
}

/**
 * The DeepSeek provider. Pass `onUpstreamEvent` to hear about queueing and retries of the requests
 * made through the returned provider (one provider per chat turn is cheap); without it the shared
 * provider is returned. Retries happen in the fetch layer: an AI SDK call through it uses `maxRetries: 0`.
 */
export function getDeepSeek(opts: { onUpstreamEvent?: UpstreamEventListener; beta?: boolean } = {}) {
  if (opts.onUpstreamEvent || opts.beta) return build(opts.onUpstreamEvent, opts.beta);
  provider ??= build();
  return provider;
}

export function upstreamHeaders(): HeadersInit {
  if (!env.DEEPSEEK_API_KEY) throw new AppError("not_configured:deepseek");
  return { Authorization: `Bearer ${env.DEEPSEEK_API_KEY}` };
}
