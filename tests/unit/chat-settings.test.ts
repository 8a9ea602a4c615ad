import { describe, expect, test } from "vitest";
import { generationOptions } from "@/lib/chat/settings";
import { chatPatchSchema, parseChatExtra, parseUserPrefs, userPrefsPatchSchema } from "@/lib/settings/schema";

const chat = (over: Partial<ReturnType<typeof parseChatExtra>> = {}) => ({ ...parseChatExtra(null), ...over });

describe("generationOptions", () => {
  test("nothing set → no extra options", () => {
    expect(generationOptions({ chat: chat(), thinking: true })).toEqual({});
  });

  test("custom instructions come before the chat's system prompt", () => {
    const o = generationOptions({ chat: chat({ systemPrompt: " Answer in French. " }), customInstructions: "I am a nurse.", thinking: true });
    expect(o.system).toBe("I am a nurse.\n\nAnswer in French.");
  });

  test("temperature only with thinking off", () => {
    expect(generationOptions({ chat: chat({ temperature: 0.2 }), thinking: true }).temperature).toBeUndefined();
    expect(generationOptions({ chat: chat({ temperature: 0.2 }), thinking: false }).temperature).toBe(0.2);
    expect(generationOptions({ chat: chat({ temperature: 0 }), thinking: false }).temperature).toBe(0);
  });

  test("max output tokens, capped at the model's limit", () => {
    expect(generationOptions({ chat: chat({ maxOutputTokens: 500 }), thinking: true }).maxOutputTokens).toBe(500);
    expect(generationOptions({ chat: chat({ maxOutputTokens: 500_000 }), thinking: true, modelMaxOutputTokens: 384_000 }).maxOutputTokens).toBe(384_000);
  });
});

describe("stored settings", () => {
  test("broken JSON falls back to defaults field by field", () => {
    expect(parseChatExtra({ temperature: "hot", systemPrompt: "x" })).toEqual({ systemPrompt: "x", temperature: null, maxOutputTokens: null });
    expect(parseUserPrefs({ theme: "neon", expandReasoning: true }).theme).toBe("system");
    expect(parseUserPrefs({ theme: "neon", expandReasoning: true }).expandReasoning).toBe(true);
  });

  test("patches are validated strictly", () => {
    expect(chatPatchSchema.safeParse({ settings: { temperature: 3 } }).success).toBe(false);
    expect(chatPatchSchema.safeParse({ title: "   " }).success).toBe(false);
    expect(chatPatchSchema.safeParse({ owner: "x" }).success).toBe(false);
    expect(chatPatchSchema.safeParse({ pinned: true, settings: { maxOutputTokens: 1000 } }).success).toBe(true);
    expect(userPrefsPatchSchema.safeParse({ theme: "dark" }).success).toBe(true);
    expect(userPrefsPatchSchema.safeParse({ theme: "neon" }).success).toBe(false);
  });
});
