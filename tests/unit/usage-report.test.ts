import { describe, expect, it } from "vitest";
import { buildReport, toCsv, type ReportRow } from "@/lib/usage/report";

const usd = { model: "deepseek-flash", currency: "USD" as const, cacheHit: 0.003, cacheMiss: 0.15, output: 0.6 };
const row = (over: Partial<ReportRow>): ReportRow => ({
  userId: "u1",
  userEmail: "a@example.com",
  model: "deepseek-flash",
  inputCacheHitTokens: 0,
  inputCacheMissTokens: 0,
  outputTokens: 0,
  reasoningTokens: 0,
  peak: false,
  prices: [{ ...usd, peak: false }],
  costUsd: 0,
  costCny: null,
  estimated: false,
  startedAt: new Date("2026-11-24T10:00:00Z"),
  ...over,
});

describe("usage report", () => {
  const rows = [
    row({ inputCacheHitTokens: 1_000_000, inputCacheMissTokens: 1_000_000, outputTokens: 10, costUsd: 0.2 }),
    row({ userEmail: "b@example.com", model: "deepseek-v4-pro", inputCacheMissTokens: 2_000_000, costUsd: 1.5, startedAt: new Date("2026-11-25T23:59:59Z"), estimated: true }),
  ];

  it("computes the cache-hit rate and the money the cache saved at each row's stored price", () => {
    const r = buildReport(rows);
    expect(r.totals.cacheHitRate).toBeCloseTo(1 / 4, 9);
    expect(r.totals.savedUsd).toBeCloseTo(0.147, 9); // 1M × (0.15 − 0.003) / 1M
    expect(r.totals.costUsd).toBeCloseTo(1.7, 9);
    expect(r.totals.estimatedRequests).toBe(1);
  });

  it("groups by UTC day (with empty days in range), by model and by user, top spenders first", () => {
    const r = buildReport(rows, { from: new Date("2026-11-23T00:00:00Z"), to: new Date("2026-11-26T00:00:00Z") });
    expect(r.byDay.map((d) => [d.key, d.requests])).toEqual([["2026-11-23", 0], ["2026-11-24", 1], ["2026-11-25", 1]]);
    expect(r.byModel.map((m) => m.key)).toEqual(["deepseek-v4-pro", "deepseek-flash"]);
    expect(r.byUser.map((u) => u.key)).toEqual(["b@example.com", "a@example.com"]);
  });

  it("exports CSV that quotes commas and defuses spreadsheet formulas", () => {
    const csv = toCsv([{ ...rows[0], userEmail: "=HYPERLINK(\"x\"),evil", finishedAt: null, source: "api", status: "complete", chatId: null, apiTokenId: "t1", errorCode: null }]);
    const [header, line] = csv.trim().split("\r\n");
    expect(header.split(",")).toContain("costUsd");
    expect(line).toContain(`"'=HYPERLINK(""x""),evil"`);
  });
});

describe("usage report in CNY", () => {
  const cny = { model: "deepseek-flash", currency: "CNY" as const, cacheHit: 0.02, cacheMiss: 1, output: 4 };
  it("sums CNY cost and savings from each row's stored CNY price, and counts rows recorded without one", () => {
    const r = buildReport([
      row({ inputCacheHitTokens: 1_000_000, costUsd: 0.003, costCny: 0.02, prices: [{ ...usd, peak: false }, { ...cny, peak: false }] }),
      row({ userId: "u2", userEmail: "b@example.com", inputCacheMissTokens: 1_000_000, costUsd: 0.15, costCny: null }),
    ]);
    expect(r.totals.costCny).toBeCloseTo(0.02, 9);
    expect(r.totals.savedCny).toBeCloseTo(0.98, 9); // 1M × (1 − 0.02) / 1M
    expect(r.totals.missingCny).toBe(1);
    expect(r.byUser.map((u) => [u.key, u.userId])).toEqual([["b@example.com", "u2"], ["a@example.com", "u1"]]);
  });
});
