import "server-only";
import { env } from "@/lib/env";
import { filterByUpstream, type ModelInfo } from "./models";
import { isDeepSeekConfigured, upstreamHeaders } from "./provider";

type Cache = { at: number; ids: string[] | undefined };
let cache: Cache | undefined;
let inflight: Promise<string[] | undefined> | undefined;

async function fetchUpstreamIds(): Promise<string[] | undefined> {
  try {
    const res = await fetch(`${env.DEEPSEEK_BASE_URL}/models`, {
      headers: upstreamHeaders(),
      signal: AbortSignal.timeout(5_000),
    });
    if (!res.ok) return undefined;
    const body = (await res.json()) as { data?: { id?: unknown }[] };
    return (body.data ?? []).map((m) => m.id).filter((id): id is string => typeof id === "string");
  } catch {
    return undefined;
  }
}

/** The catalog filtered by what upstream `GET /models` lists; cached, and the catalog if the call fails. */
export async function listAvailableModels(): Promise<ModelInfo[]> {
  if (!isDeepSeekConfigured()) return filterByUpstream(undefined);
  const ttl = env.MODELS_CACHE_SECONDS * 1000;
  if (cache && Date.now() - cache.at < ttl) return filterByUpstream(cache.ids);
  inflight ??= fetchUpstreamIds().finally(() => (inflight = undefined));
  const ids = await inflight;
  // A failed call is cached briefly too, so an outage does not add 5 s to every page load.
  cache = { at: ids ? Date.now() : Date.now() - ttl + 30_000, ids };
  return filterByUpstream(ids);
}
