import { createDeepSeek } from "@ai-sdk/deepseek";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { cleanTitle, generateTitle } from "@/lib/chat/auto-title";
import { startEmulator, type Emulator } from "../support/deepseek-emulator/server";

describe("cleanTitle", () => {
  test.each([
    ['"Counting letters in strawberry."', "Counting letters in strawberry"],
    ["Title: **Rust lifetimes**", "Rust lifetimes"],
    ["标题：「向量数据库入门」。", "向量数据库入门"],
    ["<think>let me think</think>\nPlan a trip", "Plan a trip"],
    ["   \n\n", ""],
  ])("%s → %s", (raw, title) => expect(cleanTitle(raw)).toBe(title));

  test("long titles are cut at a word boundary", () => {
    const t = cleanTitle("word ".repeat(40));
    expect(t.length).toBeLessThanOrEqual(61);
    expect(t.endsWith("…")).toBe(true);
  });
});

describe("generateTitle against the DeepSeek emulator", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  afterAll(() => emulator.close());
  const model = () => createDeepSeek({ apiKey: "sk-test", baseURL: emulator.url })("deepseek-flash");

  test("thinking disabled, a small budget, and no reasoning in the title", async () => {
    emulator.reset();
    const title = await generateTitle({ model: model(), question: "How many r are in strawberry?", answer: "Three." });
    const body = emulator.requests.at(-1)!.body as { thinking?: { type: string }; max_tokens?: number };
    expect(body.thinking).toEqual({ type: "disabled" });
    expect(body.max_tokens).toBeLessThanOrEqual(32);
    expect(title).not.toMatch(/I will answer briefly|The user said/);
    expect(title.length).toBeGreaterThan(0);
    expect(title.length).toBeLessThanOrEqual(61);
  });

  test("a model that reasons anyway (the legacy deepseek-reasoner alias): only its answer text names the chat", async () => {
    emulator.reset();
    const reasoner = createDeepSeek({ apiKey: "sk-test", baseURL: emulator.url })("deepseek-reasoner");
    const title = await generateTitle({ model: reasoner, question: "Plan a trip to Kyoto", answer: "Day 1: temples." });
    expect(title).toMatch(/^Echo: You said: Question: Plan a trip to Kyoto/);
    expect(title).not.toMatch(/I will answer briefly|The user said/);
  });

  test("an upstream failure falls back to the first words of the question", async () => {
    emulator.reset();
    const title = await generateTitle({ model: model(), question: "Explain quantum tunnelling simply [[error:500]]", answer: "" });
    expect(title).toBe("Explain quantum tunnelling simply [[error:500]]");
  });
});
