import { expect, test } from "vitest";
import { estimateTokens } from "@/lib/chat/estimate-tokens";

test("English ≈ 0.3 and Chinese ≈ 0.6 tokens per character", () => {
  expect(estimateTokens("")).toBe(0);
  expect(estimateTokens("a".repeat(1000))).toBe(300);
  expect(estimateTokens("数".repeat(1000))).toBe(600);
  expect(estimateTokens("hello 世界")).toBe(Math.ceil(6 * 0.3 + 2 * 0.6));
});

test("astral characters count once", () => {
  expect(estimateTokens("😀".repeat(10))).toBe(3);
});
