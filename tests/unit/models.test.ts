import { describe, expect, it } from "vitest";
import { effectiveThinking, filterByUpstream, MODELS, resolveModel } from "@/lib/ai/models";

describe("model catalog", () => {
  it("lists DeepSeek's current ids with limits and prices", () => {
    expect(MODELS.map((m) => m.id)).toEqual(["deepseek-flash", "deepseek-v4-pro"]);
    for (const m of MODELS) {
      expect(m.contextTokens).toBe(1_000_000);
      expect(m.maxOutputTokens).toBe(384_000);
      expect(m.price.peak.output).toBeCloseTo(m.price.offPeak.output * 2);
    }
  });

  it("resolves current ids directly", () => {
    const r = resolveModel("deepseek-v4-pro");
    expect(r?.model.id).toBe("deepseek-v4-pro");
    expect(r?.forcedThinking).toBeUndefined();
  });

  it("maps legacy aliases to the current model and the thinking mode they meant", () => {
    expect(resolveModel("deepseek-v4-flash")?.model.id).toBe("deepseek-flash");
    expect(resolveModel("deepseek-v4-flash")?.forcedThinking).toBeUndefined();
    expect(resolveModel("deepseek-chat")).toMatchObject({ model: { id: "deepseek-flash" }, forcedThinking: false });
    expect(resolveModel("deepseek-reasoner")).toMatchObject({ model: { id: "deepseek-flash" }, forcedThinking: true });
  });

  it("rejects unknown ids", () => {
    expect(resolveModel("gpt-4o")).toBeUndefined();
    expect(resolveModel("")).toBeUndefined();
  });

  it("lets the chat setting decide thinking unless an alias forces it", () => {
    const flash = resolveModel("deepseek-flash")!;
    expect(effectiveThinking(flash, true)).toBe(true);
    expect(effectiveThinking(flash, false)).toBe(false);
    expect(effectiveThinking(resolveModel("deepseek-chat")!, true)).toBe(false);
    expect(effectiveThinking(resolveModel("deepseek-reasoner")!, false)).toBe(true);
  });

  it("filters by the upstream /models list, counting legacy ids as their current model", () => {
    expect(filterByUpstream(["deepseek-v4-pro"]).map((m) => m.id)).toEqual(["deepseek-v4-pro"]);
    expect(filterByUpstream(["deepseek-v4-flash"]).map((m) => m.id)).toEqual(["deepseek-flash"]);
    expect(filterByUpstream(["deepseek-v4-flash", "deepseek-v4-pro", "other"]).map((m) => m.id)).toEqual([
      "deepseek-flash",
      "deepseek-v4-pro",
    ]);
  });

  it("falls back to the whole catalog when upstream fails or lists nothing known", () => {
    expect(filterByUpstream(undefined)).toHaveLength(MODELS.length);
    expect(filterByUpstream([])).toHaveLength(MODELS.length);
    expect(filterByUpstream(["something-else"])).toHaveLength(MODELS.length);
  });
});
