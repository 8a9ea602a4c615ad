// The model catalog: every DeepSeek model id Shoal knows, in one place. Pure data + functions,
// safe to import from client components (no secrets here).

export type ReasoningEffort = "low" | "high" | "max";
export const REASONING_EFFORTS: readonly ReasoningEffort[] = ["low", "high", "max"];

/** USD per 1M tokens; `peak` applies 01:00–04:00 and 06:00–10:00 UTC Mon–Fri (deepseek-api.md §8). */
export type ModelPrice = {
  currency: "USD";
  offPeak: { cacheHit: number; cacheMiss: number; output: number };
  peak: { cacheHit: number; cacheMiss: number; output: number };
};

export type ModelInfo = {
  id: string;
  label: string;
  /** "toggle": thinking can be switched per chat (DeepSeek V4 default: on). */
  thinking: "toggle" | "always" | "never";
  supportsEffort: boolean;
  contextTokens: number;
  maxOutputTokens: number;
  price: ModelPrice;
};

export const MODELS: readonly ModelInfo[] = [
  {
    id: "deepseek-flash",
    label: "DeepSeek V4.1 Flash",
    thinking: "toggle",
    supportsEffort: true,
    contextTokens: 1_000_000,
    maxOutputTokens: 384_000,
    price: {
      currency: "USD",
      offPeak: { cacheHit: 0.003, cacheMiss: 0.15, output: 0.6 },
      peak: { cacheHit: 0.006, cacheMiss: 0.3, output: 1.2 },
    },
  },
  {
    id: "deepseek-v4-pro",
    label: "DeepSeek V4 Pro",
    thinking: "toggle",
    supportsEffort: true,
    contextTokens: 1_000_000,
    maxOutputTokens: 384_000,
    price: {
      currency: "USD",
      offPeak: { cacheHit: 0.022, cacheMiss: 0.66, output: 1.98 },
      peak: { cacheHit: 0.044, cacheMiss: 1.32, output: 3.96 },
    },
  },
];

/**
 * Legacy ids still found in users' scripts and saved chats. `deepseek-chat`/`deepseek-reasoner` were
 * retired upstream on 2026-07-24, so Shoal never sends them: they resolve to the current model with
 * thinking forced off/on, which is what they meant.
 */
export const LEGACY_ALIASES: Readonly<Record<string, { id: string; thinking?: boolean }>> = {
  "deepseek-v4-flash": { id: "deepseek-flash" },
  "deepseek-chat": { id: "deepseek-flash", thinking: false },
  "deepseek-reasoner": { id: "deepseek-flash", thinking: true },
};

export type ResolvedModel = { model: ModelInfo; forcedThinking?: boolean; requestedId: string };

export function resolveModel(requestedId: string): ResolvedModel | undefined {
  const direct = MODELS.find((m) => m.id === requestedId);
  if (direct) return { model: direct, requestedId };
  const alias = LEGACY_ALIASES[requestedId];
  if (!alias) return undefined;
  const model = MODELS.find((m) => m.id === alias.id);
  return model ? { model, forcedThinking: alias.thinking, requestedId } : undefined;
}

/** Whether a request to `model` should think, given the chat's setting. */
export function effectiveThinking(resolved: ResolvedModel, chatThinking: boolean): boolean {
  if (resolved.forcedThinking !== undefined) return resolved.forcedThinking;
  if (resolved.model.thinking === "always") return true;
  if (resolved.model.thinking === "never") return false;
  return chatThinking;
}

/**
 * Filter the catalog by the ids the upstream `GET /models` returned. An upstream legacy id counts
 * as its current model. An empty or failed upstream answer leaves the whole catalog visible.
 */
export function filterByUpstream(upstreamIds: readonly string[] | undefined): ModelInfo[] {
  if (!upstreamIds || upstreamIds.length === 0) return [...MODELS];
  const visible = new Set(upstreamIds.map((id) => resolveModel(id)?.model.id).filter(Boolean));
  const filtered = MODELS.filter((m) => visible.has(m.id));
  return filtered.length > 0 ? filtered : [...MODELS];
}
