// Cost arithmetic. Pure: no database, no clock; safe for unit tests and client components.
import { MODELS } from "@/lib/ai/models";

export type Currency = "USD" | "CNY";
export const CURRENCIES: readonly Currency[] = ["USD", "CNY"];

/** Per 1M tokens. */
export type PriceRow = { model: string; currency: Currency; peak: boolean; cacheHit: number; cacheMiss: number; output: number };

export type TokenCounts = {
  inputCacheHitTokens: number;
  inputCacheMissTokens: number;
  /** Includes reasoning tokens, as DeepSeek reports and bills them. */
  outputTokens: number;
};

const PEAK_WINDOWS_UTC: ReadonlyArray<readonly [number, number]> = [
  [1 * 60, 4 * 60], // Beijing 09:00–12:00
  [6 * 60, 10 * 60], // Beijing 14:00–18:00
];

/**
 * DeepSeek's peak windows: 01:00–04:00 and 06:00–10:00 UTC, Monday to Friday (Beijing 9–12 and
 * 14–18; both windows fall on the same calendar day in UTC and UTC+8). Start inclusive, end
 * exclusive. Chinese public holidays are off-peak upstream; Shoal does not know the holiday
 * calendar, so on those days it overestimates.
 */
export function isPeak(at: Date): boolean {
  const day = at.getUTCDay();
  if (day === 0 || day === 6) return false;
  const minute = at.getUTCHours() * 60 + at.getUTCMinutes();
  return PEAK_WINDOWS_UTC.some(([from, to]) => minute >= from && minute < to);
}

/** Cost in the row's currency. Reasoning tokens are part of outputTokens and billed as output. */
export function costOf(tokens: TokenCounts, price: Pick<PriceRow, "cacheHit" | "cacheMiss" | "output">): number {
  const micro =
    tokens.inputCacheHitTokens * price.cacheHit + tokens.inputCacheMissTokens * price.cacheMiss + tokens.outputTokens * price.output;
  return round(micro / 1_000_000);
}

/** What the cache hits would have cost as misses, minus what they cost. */
export function cacheSavings(hitTokens: number, price: Pick<PriceRow, "cacheHit" | "cacheMiss">): number {
  return round((hitTokens * (price.cacheMiss - price.cacheHit)) / 1_000_000);
}

/** 1e-9 resolution: well below a single token's price, and free of float noise in sums. */
function round(n: number): number {
  return Math.round(n * 1e9) / 1e9;
}

/** The shipped defaults: DeepSeek's published USD prices from the model catalog. CNY rows are added by an admin. */
export function defaultPriceRows(): PriceRow[] {
  return MODELS.flatMap((m) => [
    { model: m.id, currency: "USD" as const, peak: false, ...m.price.offPeak },
    { model: m.id, currency: "USD" as const, peak: true, ...m.price.peak },
  ]);
}

/**
 * A rough token count for when no final usage arrived (a stopped or failed stream): one token per
 * CJK character, one per ~4 other characters. Records using it are marked `estimated`.
 */
export function estimateTokens(text: string): number {
  if (!text) return 0;
  const cjk = text.match(/[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/gu)?.length ?? 0;
  return cjk + Math.ceil((text.length - cjk) / 4);
}
