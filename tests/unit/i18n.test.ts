import { describe, expect, it } from "vitest";
import { en } from "@/lib/i18n/en";
import { errorMessageKey, negotiateLocale, translator } from "@/lib/i18n";
import { zh } from "@/lib/i18n/zh";
import { titleFromText } from "@/lib/chat/title";

describe("i18n", () => {
  it("has a Chinese text for every English key", () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const value of Object.values(zh)) expect(value.length).toBeGreaterThan(0);
  });

  it("prefers the cookie, then Accept-Language", () => {
    expect(negotiateLocale("en", "zh-CN")).toBe("en");
    expect(negotiateLocale(undefined, "zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh");
    expect(negotiateLocale(undefined, "en-US,en;q=0.9,zh;q=0.8")).toBe("en");
    expect(negotiateLocale(undefined, "fr;q=1,zh-TW;q=0.5")).toBe("zh");
    expect(negotiateLocale("de", null)).toBe("en");
  });

  it("interpolates variables", () => {
    expect(translator("zh")("nav.signedInAs", { email: "a@b.c" })).toBe("当前账号：a@b.c");
  });

  it("picks role-specific error texts", () => {
    expect(errorMessageKey("payment_required:deepseek", true)).toBe("error.payment_required:deepseek.admin");
    expect(errorMessageKey("payment_required:deepseek", false)).toBe("error.payment_required:deepseek.member");
    expect(errorMessageKey("rate_limit:deepseek", false)).toBe("error.rate_limit:deepseek");
    expect(errorMessageKey("nonsense", false)).toBe("error.unknown");
  });
});

describe("provisional titles", () => {
  it("uses the first words on one line", () => {
    expect(titleFromText("  Hello\n\nworld  ")).toBe("Hello world");
    expect(titleFromText("a ".repeat(50))).toMatch(/…$/);
    expect(titleFromText("介绍一下深度求索公司的历史和主要产品，以及它们在开源社区中的影响力和未来的发展方向是什么样的呢请详细说明").length).toBeLessThanOrEqual(61);
  });
});
