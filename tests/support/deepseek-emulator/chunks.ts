// Wire shapes of chat completions (reference §3): non-streamed bodies and SSE chunks, in the recorded field order.

export const SYSTEM_FINGERPRINT = "e3b0c44298fc1c149afbf4c8996fb924";

export type Usage = {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number };
  completion_tokens_details?: { reasoning_tokens: number };
  prompt_cache_hit_tokens: number;
  prompt_cache_miss_tokens: number;
};

export function buildUsage(p: {
  promptTokens: number;
  hitTokens: number;
  completionTokens: number;
  reasoningTokens: number;
  thinking: boolean;
}): Usage {
  return {
    prompt_tokens: p.promptTokens,
    completion_tokens: p.completionTokens,
    total_tokens: p.promptTokens + p.completionTokens,
    prompt_tokens_details: { cached_tokens: p.hitTokens },
    ...(p.thinking ? { completion_tokens_details: { reasoning_tokens: p.reasoningTokens } } : {}),
    prompt_cache_hit_tokens: p.hitTokens,
    prompt_cache_miss_tokens: p.promptTokens - p.hitTokens,
  };
}

export type CompletionMeta = {
  id: string;
  created: number;
  model: string;
  thinking: boolean;
  /** `stream_options.include_usage` */
  includeUsage: boolean;
};

export type FinishReason = "stop" | "length";

export function completionBody(
  meta: CompletionMeta,
  reasoning: string,
  content: string,
  finishReason: FinishReason,
  usage: Usage,
): string {
  const message: Record<string, unknown> = { role: "assistant", content };
  if (meta.thinking) message.reasoning_content = reasoning;
  return JSON.stringify({
    id: meta.id,
    object: "chat.completion",
    created: meta.created,
    model: meta.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
    usage,
    system_fingerprint: SYSTEM_FINGERPRINT,
  });
}

function chunk(
  meta: CompletionMeta,
  delta: Record<string, unknown>,
  finishReason: FinishReason | null,
  usage?: Usage,
): string {
  const obj: Record<string, unknown> = {
    id: meta.id,
    object: "chat.completion.chunk",
    created: meta.created,
    model: meta.model,
    system_fingerprint: SYSTEM_FINGERPRINT,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  };
  if (usage) obj.usage = usage;
  else if (meta.includeUsage) obj.usage = null;
  return `data: ${JSON.stringify(obj)}\n\n`;
}

export function roleChunk(meta: CompletionMeta): string {
  const delta = meta.thinking
    ? { role: "assistant", content: null, reasoning_content: "" }
    : { role: "assistant", content: "" };
  return chunk(meta, delta, null);
}

export function reasoningChunk(meta: CompletionMeta, piece: string): string {
  return chunk(meta, { content: null, reasoning_content: piece }, null);
}

export function contentChunk(meta: CompletionMeta, piece: string): string {
  const delta = meta.thinking ? { content: piece, reasoning_content: null } : { content: piece };
  return chunk(meta, delta, null);
}

export function finalChunk(meta: CompletionMeta, finishReason: FinishReason, usage: Usage): string {
  const delta = meta.thinking ? { content: "", reasoning_content: null } : { content: "" };
  return chunk(meta, delta, finishReason, usage);
}

export const DONE = "data: [DONE]\n\n";
export const KEEP_ALIVE = ": keep-alive\n\n";
