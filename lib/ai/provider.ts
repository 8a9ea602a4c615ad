import "server-only";
import { createDeepSeek } from "@ai-sdk/deepseek";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

// The upstream base URL and key come only from server env; no request can choose them.
let provider: ReturnType<typeof createDeepSeek> | undefined;

export function isDeepSeekConfigured(): boolean {
  return Boolean(env.DEEPSEEK_API_KEY);
}

export function getDeepSeek() {
  if (!env.DEEPSEEK_API_KEY) throw new AppError("not_configured:deepseek");
  provider ??= createDeepSeek({ apiKey: env.DEEPSEEK_API_KEY, baseURL: env.DEEPSEEK_BASE_URL });
  return provider;
}

export function upstreamHeaders(): HeadersInit {
  if (!env.DEEPSEEK_API_KEY) throw new AppError("not_configured:deepseek");
  return { Authorization: `Bearer ${env.DEEPSEEK_API_KEY}` };
}
