import { describe, expect, it } from "vitest";
import { budgetLines, exhausted, mergeLimits, periodEnd, periodStart, warnings, worstWarning } from "@/lib/usage/budget-math";

const none = { dailyTokens: null, monthlyTokens: null, dailyUsd: null, monthlyUsd: null };

describe("budget periods (UTC)", () => {
  it("resets daily at 00:00 UTC and monthly on the 1st", () => {
    const now = new Date("2026-12-31T23:59:59Z");
    expect(periodStart("daily", now).toISOString()).toBe("2026-12-31T00:00:00.000Z");
    expect(periodEnd("daily", now).toISOString()).toBe("2027-01-01T00:00:00.000Z");
    expect(periodStart("monthly", now).toISOString()).toBe("2026-12-01T00:00:00.000Z");
    expect(periodEnd("monthly", now).toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });
});

describe("budget checks", () => {
  const spent = { daily: { tokens: 800, costUsd: 0.5 }, monthly: { tokens: 5000, costUsd: 3 } };

  it("refuses at the boundary (used ≥ limit), not before", () => {
    expect(exhausted(budgetLines({ ...none, dailyTokens: 801 }, spent))).toBeUndefined();
    expect(exhausted(budgetLines({ ...none, dailyTokens: 800 }, spent))).toMatchObject({ period: "daily", unit: "tokens" });
    expect(exhausted(budgetLines({ ...none, monthlyUsd: 3 }, spent))).toMatchObject({ period: "monthly", unit: "usd" });
  });

  it("warns from 80 % until exhausted", () => {
    expect(warnings(budgetLines({ ...none, dailyTokens: 1001 }, spent))).toHaveLength(0);
    expect(warnings(budgetLines({ ...none, dailyTokens: 1000 }, spent))).toHaveLength(1);
    expect(warnings(budgetLines({ ...none, dailyTokens: 800 }, spent))).toHaveLength(0);
  });

  it("lets a user override win field by field over the role default", () => {
    const role = { ...none, dailyTokens: 100, monthlyUsd: 5 };
    expect(mergeLimits(role, null)).toEqual(role);
    expect(mergeLimits(role, { ...none, dailyTokens: 1000 })).toEqual({ ...role, dailyTokens: 1000 });
  });
});

describe("the chat's 80 % notice", () => {
  const now = new Date("2026-11-25T12:00:00Z");
  const spent = (tokens: number, costUsd = 0) => ({ daily: { tokens, costUsd }, monthly: { tokens: tokens * 10, costUsd: costUsd * 10 } });

  it("names the most used budget line and when its period ends", () => {
    const lines = budgetLines({ ...none, dailyTokens: 1000, monthlyTokens: 10_000 }, { daily: { tokens: 820, costUsd: 0 }, monthly: { tokens: 9_500, costUsd: 0 } });
    expect(worstWarning(lines, undefined, now)).toEqual({ percent: 95, period: "monthly", unit: "tokens", scope: "user", resetsAt: "2026-12-01T00:00:00.000Z" });
  });

  it("is null below 80 % and once a line is exhausted (then the request is refused instead)", () => {
    expect(worstWarning(budgetLines({ ...none, dailyTokens: 1000 }, spent(799)), undefined, now)).toBeNull();
    expect(worstWarning(budgetLines({ ...none, dailyTokens: 1000 }, spent(1000)), undefined, now)).toBeNull();
    expect(worstWarning(budgetLines({ ...none, dailyTokens: 1000 }, spent(800)), undefined, now)).toMatchObject({ percent: 80, period: "daily", resetsAt: "2026-11-26T00:00:00.000Z" });
  });

  it("marks the instance-wide cap as the team's budget", () => {
    const instance = budgetLines({ ...none, monthlyUsd: 100 }, spent(0, 9))[0]; // 90 of 100 USD this month
    expect(worstWarning([], instance, now)).toMatchObject({ scope: "instance", percent: 90, unit: "usd" });
  });
});
