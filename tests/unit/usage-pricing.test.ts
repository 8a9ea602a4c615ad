import { describe, expect, it } from "vitest";
import { MODELS } from "@/lib/ai/models";
import { cacheSavings, costOf, defaultPriceRows, estimateTokens, isPeak } from "@/lib/usage/pricing";
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

  it("seeds a USD peak and off-peak row for every catalog model", () => {
    const rows = defaultPriceRows();
    expect(rows).toHaveLength(MODELS.length * 2);
    expect(rows.find((r) => r.model === "deepseek-v4-pro" && r.peak)).toMatchObject({ currency: "USD", cacheHit: 0.044, cacheMiss: 1.32, output: 3.96 });
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
