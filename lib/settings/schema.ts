import { z } from "zod";
import { REASONING_EFFORTS } from "@/lib/ai/models";

// Shared by the settings forms and the route handlers that store them.
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];
const effortSchema = z.enum(REASONING_EFFORTS as unknown as [string, ...string[]]).nullable();

/** Per-user preferences, stored as JSON on the user. Unknown or broken values fall back to defaults. */
export const userPrefsSchema = z.object({
  defaultModel: z.string().max(64).nullable().catch(null),
  defaultThinking: z.boolean().catch(true),
  defaultEffort: effortSchema.catch(null),
  customInstructions: z.string().max(4000).catch(""),
  theme: z.enum(THEMES).catch("system"),
  expandReasoning: z.boolean().catch(false),
});
export type UserPrefs = z.infer<typeof userPrefsSchema>;
export const DEFAULT_USER_PREFS: UserPrefs = {
  defaultModel: null,
  defaultThinking: true,
  defaultEffort: null,
  customInstructions: "",
  theme: "system",
  expandReasoning: false,
};
export function parseUserPrefs(raw: unknown): UserPrefs {
  return userPrefsSchema.parse({ ...DEFAULT_USER_PREFS, ...(raw && typeof raw === "object" ? raw : {}) });
}
/** What PATCH /api/settings accepts: any subset, validated strictly (no silent fallback). */
export const userPrefsPatchSchema = z
  .object({
    defaultModel: z.string().min(1).max(64).nullable(),
    defaultThinking: z.boolean(),
    defaultEffort: effortSchema,
    customInstructions: z.string().max(4000),
    theme: z.enum(THEMES),
    expandReasoning: z.boolean(),
  })
  .partial()
  .strict();
export type UserPrefsPatch = z.infer<typeof userPrefsPatchSchema>;

/** Per-chat generation settings beyond model/thinking/effort, stored as JSON on the chat. */
export const chatExtraSettingsSchema = z.object({
  systemPrompt: z.string().max(8000).catch(""),
  temperature: z.number().min(0).max(2).nullable().catch(null),
  maxOutputTokens: z.number().int().min(1).max(384_000).nullable().catch(null),
});
export type ChatExtraSettings = z.infer<typeof chatExtraSettingsSchema>;
export const DEFAULT_CHAT_EXTRA: ChatExtraSettings = { systemPrompt: "", temperature: null, maxOutputTokens: null };
export function parseChatExtra(raw: unknown): ChatExtraSettings {
  return chatExtraSettingsSchema.parse({ ...DEFAULT_CHAT_EXTRA, ...(raw && typeof raw === "object" ? raw : {}) });
}

/** What PATCH /api/chats/[id] accepts. */
export const chatPatchSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    pinned: z.boolean(),
    settings: z
      .object({
        systemPrompt: z.string().max(8000),
        temperature: z.number().min(0).max(2).nullable(),
        maxOutputTokens: z.number().int().min(1).max(384_000).nullable(),
      })
      .partial()
      .strict(),
  })
  .partial()
  .strict();
export type ChatPatch = z.infer<typeof chatPatchSchema>;
