// Cost arithmetic. Pure: no database, no clock; safe for unit tests and client components.
// The data file only: the package's ESM entry is not loadable by Turbopack (CJS/ESM mismatch).
import holidayCalendar from "chinese-days/dist/chinese-days.json";
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
 * 14–18; both windows fall on the same calendar day in UTC and UTC+8), **except Chinese statutory
 * holidays**, which are off-peak all day (deepseek-api.md §8; the Chinese pricing page says "北京时间周一至周五
 * （不含中国法定节假日）…其余时段，包括周末及中国法定节假日全天均为空闲时段"). Start inclusive, end exclusive.
 * Holidays come from `chinese-days` (the State Council's published calendar, including the weekdays
 * taken off in lieu); a year it does not know yet is treated as having no holidays (priced as peak)
 * until the package is updated. Make-up working Saturdays/Sundays (调休) stay off-peak: DeepSeek's
 * rule names Monday to Friday.
 */
export function isPeak(at: Date): boolean {
  const day = at.getUTCDay();
  if (day === 0 || day === 6) return false;
  const minute = at.getUTCHours() * 60 + at.getUTCMinutes();
  if (!PEAK_WINDOWS_UTC.some(([from, to]) => minute >= from && minute < to)) return false;
  return !isChineseHoliday(at);
}

const HOLIDAYS: Readonly<Record<string, string>> = holidayCalendar.holidays;

/** Whether the Beijing calendar day of `at` is a statutory day off (holidays, including weekdays off in lieu). */
export function isChineseHoliday(at: Date): boolean {
  const beijingDate = new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  return beijingDate in HOLIDAYS;
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

/**
 * DeepSeek's published CNY prices (元 per 1M tokens), from the Chinese pricing page
 * https://api-docs.deepseek.com/zh-cn/quick_start/pricing ("价格": 空闲时段 / 高峰时段, checked 2026-11-25;
 * the USD page is ../shared/reference/deepseek-api.md §8 and lib/ai/models.ts). Off-peak is half of peak,
 * as on the USD page. DeepSeek sets the CNY prices itself; they are not a conversion of the USD ones.
 */
export const DEFAULT_CNY_PRICES: Readonly<Record<string, { offPeak: Omit<PriceRow, "model" | "currency" | "peak">; peak: Omit<PriceRow, "model" | "currency" | "peak"> }>> = {
  "deepseek-flash": { offPeak: { cacheHit: 0.02, cacheMiss: 1, output: 4 }, peak: { cacheHit: 0.04, cacheMiss: 2, output: 8 } },
  "deepseek-v4-pro": { offPeak: { cacheHit: 0.15, cacheMiss: 4.5, output: 13.5 }, peak: { cacheHit: 0.3, cacheMiss: 9, output: 27 } },
};

/** The shipped defaults: DeepSeek's published USD prices (model catalog) and CNY prices (above). Admins add newer rows. */
export function defaultPriceRows(): PriceRow[] {
  return MODELS.flatMap((m) => {
    const cny = DEFAULT_CNY_PRICES[m.id];
    return [
      { model: m.id, currency: "USD" as const, peak: false, ...m.price.offPeak },
      { model: m.id, currency: "USD" as const, peak: true, ...m.price.peak },
      ...(cny
        ? [
            { model: m.id, currency: "CNY" as const, peak: false, ...cny.offPeak },
            { model: m.id, currency: "CNY" as const, peak: true, ...cny.peak },
          ]
        : []),
    ];
  });
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
