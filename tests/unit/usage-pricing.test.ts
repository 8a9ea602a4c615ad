import { describe, expect, it } from "vitest";
import { MODELS } from "@/lib/ai/models";
import { cacheSavings, costOf, defaultPriceRows, estimateTokens, isChineseHoliday, isPeak } from "@/lib/usage/pricing";
import { usageFromWire } from "@/lib/api/sse-tap";

/** A wall-clock time in Beijing (UTC+8) as a Date. */
const beijing = (iso: string) => new Date(`${iso}+08:00`);

describe("peak windows (DeepSeek: Beijing 09:00–12:00 and 14:00–18:00, Mon–Fri)", () => {
  it("starts peak at 09:00 and ends it at 12:00 Beijing time", () => {
    // 2026-11-25 is a Wednesday.
    expect(isPeak(beijing("2026-11-25T08:59:59"))).toBe(false);
    expect(isPeak(beijing("2026-11-25T09:00:00"))).toBe(true);
    expect(isPeak(beijing("2026-11-25T11:59:59"))).toBe(true);
    expect(isPeak(beijing("2026-11-25T12:00:00"))).toBe(false);
  });

  it("has an off-peak lunch gap and an afternoon window 14:00–18:00", () => {
    expect(isPeak(beijing("2026-11-25T13:59:00"))).toBe(false);
    expect(isPeak(beijing("2026-11-25T14:00:00"))).toBe(true);
    expect(isPeak(beijing("2026-11-25T17:59:59"))).toBe(true);
    expect(isPeak(beijing("2026-11-25T18:00:00"))).toBe(false);
  });

  it("is off-peak all weekend, and Monday morning in Beijing is peak even though it is Monday 01:00 UTC", () => {
    expect(isPeak(beijing("2026-11-28T10:00:00"))).toBe(false); // Saturday
    expect(isPeak(beijing("2026-11-29T15:00:00"))).toBe(false); // Sunday
    expect(isPeak(beijing("2026-11-30T09:00:00"))).toBe(true); // Monday
    expect(isPeak(new Date("2026-11-30T01:00:00Z"))).toBe(true);
    expect(isPeak(new Date("2026-11-30T00:59:59Z"))).toBe(false);
  });
});

describe("Chinese statutory holidays are off-peak all day (DeepSeek's CNY pricing page, deepseek-api.md §8)", () => {
  it("prices National Day and Spring Festival weekdays off-peak, and the next working day peak again", () => {
    // 2026-10-01 (Thursday) and 2026-10-05 (Monday) are National Day holidays; 2026-10-08 (Thursday) is a working day.
    expect(isPeak(beijing("2026-10-01T10:00:00"))).toBe(false);
    expect(isPeak(beijing("2026-10-05T15:00:00"))).toBe(false);
    expect(isPeak(beijing("2026-10-08T10:00:00"))).toBe(true);
    // 2026-02-17 (Tuesday): Spring Festival.
    expect(isPeak(beijing("2026-02-17T09:30:00"))).toBe(false);
    expect(isChineseHoliday(beijing("2026-02-17T09:30:00"))).toBe(true);
  });

  it("uses the Beijing calendar day: 01:00 UTC on a holiday is 09:00 Beijing on that holiday", () => {
    expect(isPeak(new Date("2026-10-01T01:00:00Z"))).toBe(false);
    expect(isPeak(new Date("2026-10-08T01:00:00Z"))).toBe(true);
  });

  it("keeps make-up working weekend days off-peak (the rule names Monday to Friday)", () => {
    // 2026-09-20 is a Sunday worked in lieu of the National Day holidays (调休).
    expect(isPeak(beijing("2026-09-20T10:00:00"))).toBe(false);
  });
});

describe("cost arithmetic", () => {
  const flash = MODELS.find((m) => m.id === "deepseek-flash")!.price;

  it("prices cache hits, misses and output (reasoning included) per million tokens", () => {
    const tokens = { inputCacheHitTokens: 1_000_000, inputCacheMissTokens: 2_000_000, outputTokens: 500_000 };
    expect(costOf(tokens, flash.offPeak)).toBeCloseTo(0.003 + 0.3 + 0.3, 9);
    expect(costOf(tokens, flash.peak)).toBeCloseTo(2 * (0.003 + 0.3 + 0.3), 9);
  });

  it("charges far less for a cache hit than a miss, and reports the saving", () => {
    const hit = costOf({ inputCacheHitTokens: 10_000, inputCacheMissTokens: 0, outputTokens: 0 }, flash.offPeak);
    const miss = costOf({ inputCacheHitTokens: 0, inputCacheMissTokens: 10_000, outputTokens: 0 }, flash.offPeak);
    expect(hit).toBeCloseTo(0.00003, 12);
    expect(miss).toBeCloseTo(0.0015, 12);
    expect(cacheSavings(10_000, flash.offPeak)).toBeCloseTo(miss - hit, 12);
  });

  it("is exact for small counts (no float noise in sums)", () => {
    const one = costOf({ inputCacheHitTokens: 0, inputCacheMissTokens: 18, outputTokens: 345 }, flash.offPeak);
    expect(one).toBe(0.0002097); // (18 × 0.15 + 345 × 0.6) / 1e6
  });

  it("seeds USD and CNY peak and off-peak rows for every catalog model (DeepSeek's published prices)", () => {
    const rows = defaultPriceRows();
    expect(rows).toHaveLength(MODELS.length * 4);
    expect(rows.find((r) => r.model === "deepseek-v4-pro" && r.peak && r.currency === "USD")).toMatchObject({ cacheHit: 0.044, cacheMiss: 1.32, output: 3.96 });
    expect(rows.find((r) => r.model === "deepseek-v4-pro" && r.peak && r.currency === "CNY")).toMatchObject({ cacheHit: 0.3, cacheMiss: 9, output: 27 });
    expect(rows.find((r) => r.model === "deepseek-flash" && !r.peak && r.currency === "CNY")).toMatchObject({ cacheHit: 0.02, cacheMiss: 1, output: 4 });
    // Off-peak is half of peak in both currencies.
    for (const model of MODELS.map((m) => m.id)) {
      for (const currency of ["USD", "CNY"]) {
        const peak = rows.find((r) => r.model === model && r.currency === currency && r.peak)!;
        const off = rows.find((r) => r.model === model && r.currency === currency && !r.peak)!;
        expect(off.cacheMiss * 2).toBeCloseTo(peak.cacheMiss, 9);
        expect(off.output * 2).toBeCloseTo(peak.output, 9);
      }
    }
  });
});

describe("usage from the wire and estimates", () => {
  it("reads DeepSeek's cache fields, and falls back to prompt_tokens_details", () => {
    expect(
      usageFromWire({ prompt_tokens: 339, completion_tokens: 50, prompt_cache_hit_tokens: 320, prompt_cache_miss_tokens: 19, completion_tokens_details: { reasoning_tokens: 40 } }),
    ).toEqual({ inputCacheHitTokens: 320, inputCacheMissTokens: 19, outputTokens: 50, reasoningTokens: 40 });
    expect(usageFromWire({ prompt_tokens: 100, completion_tokens: 5, prompt_tokens_details: { cached_tokens: 64 } })).toEqual({
      inputCacheHitTokens: 64,
      inputCacheMissTokens: 36,
      outputTokens: 5,
      reasoningTokens: 0,
    });
    expect(usageFromWire(null)).toBeUndefined();
  });

  it("estimates one token per CJK character and ~4 characters per token otherwise", () => {
    expect(estimateTokens("")).toBe(0);
    expect(estimateTokens("你好世界")).toBe(4);
    expect(estimateTokens("abcdefgh")).toBe(2);
  });
});
