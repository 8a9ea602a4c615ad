// Reads DeepSeek's SSE stream as it passes through, without changing a byte: usage (it rides on the
// last content chunk), the finish reason, and the text so far for an estimate if the stream breaks.

export type WireUsage = {
  prompt_tokens?: number;
  completion_tokens?: number;
  prompt_cache_hit_tokens?: number;
  prompt_cache_miss_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
  completion_tokens_details?: { reasoning_tokens?: number } | null;
};

export function usageFromWire(u: WireUsage | null | undefined) {
  if (!u || typeof u.completion_tokens !== "number") return undefined;
  const hit = u.prompt_cache_hit_tokens ?? u.prompt_tokens_details?.cached_tokens ?? 0;
  return {
    inputCacheHitTokens: hit,
    inputCacheMissTokens: u.prompt_cache_miss_tokens ?? Math.max(0, (u.prompt_tokens ?? 0) - hit),
    outputTokens: u.completion_tokens,
    reasoningTokens: u.completion_tokens_details?.reasoning_tokens ?? 0,
  };
}

type Chunk = {
  usage?: WireUsage | null;
  choices?: Array<{ delta?: { content?: string | null; reasoning_content?: string | null }; finish_reason?: string | null }>;
};

export function createUsageTap() {
  const decoder = new TextDecoder();
  let buffer = "";
  const state = {
    usage: undefined as WireUsage | undefined,
    finishReason: undefined as string | undefined,
    text: "",
    push(bytes: Uint8Array) {
      buffer += decoder.decode(bytes, { stream: true });
      let nl: number;
      while ((nl = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, nl).replace(/\r$/, "");
        buffer = buffer.slice(nl + 1);
        if (!line.startsWith("data:")) continue;
        const payload = line.slice(5).trim();
        if (!payload || payload === "[DONE]") continue;
        try {
          const chunk = JSON.parse(payload) as Chunk;
          if (chunk.usage) state.usage = chunk.usage;
          for (const c of chunk.choices ?? []) {
            state.text += (c.delta?.reasoning_content ?? "") + (c.delta?.content ?? "");
            if (c.finish_reason) state.finishReason = c.finish_reason;
          }
        } catch {
          // not JSON: forwarded untouched, nothing to learn from it
        }
      }
    },
  };
  return state;
}
