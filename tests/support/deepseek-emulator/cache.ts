// Prompt token estimate and deterministic prompt-cache accounting (reference §8).
import { createHash } from "node:crypto";
import { contentText } from "./script.ts";

export type WireMessage = {
  role?: unknown;
  content?: unknown;
  tool_calls?: unknown;
  tool_call_id?: unknown;
  reasoning_content?: unknown;
  [key: string]: unknown;
};

/** Cache storage unit (tokens). */
export const CACHE_UNIT = 64;

/**
 * Serialised form of one message: `<role>\n<content text>` plus `\n<JSON of tool_calls>` when present.
 * `reasoning_content` is not part of the prompt (V4 ignores it outside tool loops).
 */
export function serializeMessage(m: WireMessage): string {
  let s = `${String(m.role ?? "")}\n${contentText(m.content)}`;
  if (m.tool_calls !== undefined && m.tool_calls !== null) s += `\n${JSON.stringify(m.tool_calls)}`;
  return s;
}

/** Prompt tokens of one message = ceil(code points of serializeMessage(m) / 4). */
export function messageTokens(m: WireMessage): number {
  return Math.ceil([...serializeMessage(m)].length / 4);
}

function chain(prev: string, m: WireMessage): string {
  return createHash("sha256").update(prev).update("\u0000").update(serializeMessage(m)).digest("hex");
}

export type PromptMeasure = {
  promptTokens: number;
  hitTokens: number;
  missTokens: number;
  /** prefix hashes at every message boundary (index k-1 = first k messages) */
  hashes: string[];
};

/**
 * Remembers, per API key, the hashes of every message-boundary prefix seen since start/reset.
 * hit = tokens of the longest remembered prefix, rounded down to a multiple of 64 (0 if < 64).
 */
export class PromptCache {
  private seen = new Map<string, Set<string>>();

  measure(apiKey: string, messages: WireMessage[]): PromptMeasure {
    const set = this.seen.get(apiKey);
    let prev = "";
    let cumulative = 0;
    let longest = 0;
    const hashes: string[] = [];
    for (const m of messages) {
      prev = chain(prev, m);
      cumulative += messageTokens(m);
      hashes.push(prev);
      if (set?.has(prev)) longest = cumulative;
    }
    const hitTokens = longest >= CACHE_UNIT ? Math.floor(longest / CACHE_UNIT) * CACHE_UNIT : 0;
    return { promptTokens: cumulative, hitTokens, missTokens: cumulative - hitTokens, hashes };
  }

  /** Store the request's prefixes (and optionally the prefix extended by the assistant's answer). */
  remember(apiKey: string, hashes: string[], answer?: string): void {
    let set = this.seen.get(apiKey);
    if (!set) this.seen.set(apiKey, (set = new Set()));
    for (const h of hashes) set.add(h);
    if (answer !== undefined) {
      set.add(chain(hashes[hashes.length - 1] ?? "", { role: "assistant", content: answer }));
    }
  }

  reset(): void {
    this.seen.clear();
  }
}
