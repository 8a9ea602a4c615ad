import { expect, test } from "vitest";
import { budgetRefusalOf, formatResetTime } from "@/components/usage/budget-notice";

test("reset times are localized and name their time zone", () => {
  const iso = "2026-12-01T00:00:00.000Z";
  expect(formatResetTime(iso, "en", "UTC")).toMatch(/Dec 1, 2026.*12:00.*UTC/);
  expect(formatResetTime(iso, "zh", "Asia/Shanghai")).toMatch(/2026年12月1日.*08:00/);
  // The reader's own zone by default (what the browser uses): must not throw.
  expect(formatResetTime(iso, "en")).toContain("2026");
});

test("the budget refusal's detail is read from the failed request's JSON body", () => {
  const body = { error: { code: "quota:budget", detail: { scope: "user", period: "monthly", resetsAt: "2026-12-01T00:00:00.000Z" } } };
  expect(budgetRefusalOf(new Error(JSON.stringify(body)))).toEqual(body.error.detail);
  expect(budgetRefusalOf(new Error(JSON.stringify({ error: { code: "rate_limit:limits" } })))).toBeNull();
  expect(budgetRefusalOf(new Error("quota:budget"))).toBeNull();
  expect(budgetRefusalOf(undefined)).toBeNull();
});
