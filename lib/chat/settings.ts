import type { ChatExtraSettings } from "@/lib/settings/schema";

export type GenerationOptions = {
  system?: string;
  temperature?: number;
  maxOutputTokens?: number;
};

/**
 * Stored settings → the extra call options (system prompt, temperature, output cap) for one turn. The user's custom instructions
 * come first, then the chat's own system prompt. Temperature is only sent with thinking off,
 * because DeepSeek ignores it in thinking mode (and the UI says so).
 */
export function generationOptions({
  chat,
  customInstructions,
  thinking,
  modelMaxOutputTokens,
}: {
  chat: ChatExtraSettings;
  customInstructions?: string | null;
  thinking: boolean;
  modelMaxOutputTokens?: number;
}): GenerationOptions {
  const system = [customInstructions?.trim(), chat.systemPrompt.trim()].filter(Boolean).join("\n\n");
  const options: GenerationOptions = {};
  if (system) options.system = system;
  if (!thinking && chat.temperature !== null) options.temperature = chat.temperature;
  if (chat.maxOutputTokens !== null) {
    options.maxOutputTokens = modelMaxOutputTokens ? Math.min(chat.maxOutputTokens, modelMaxOutputTokens) : chat.maxOutputTokens;
  }
  return options;
}
