import { z } from "zod";
import { REASONING_EFFORTS } from "@/lib/ai/models";
import { chatExtraSettingsSchema } from "@/lib/settings/schema";

// A preset is a named set of chat settings: model/thinking/effort (sent with each message) plus the
// stored extras (system prompt, temperature, output cap) from lib/settings/schema.
const extra = chatExtraSettingsSchema.shape;
export const presetSettingsSchema = z.object({
  model: z.string().min(1).max(64),
  thinking: z.boolean(),
  reasoningEffort: z.enum(REASONING_EFFORTS as unknown as [string, ...string[]]).nullable(),
  systemPrompt: extra.systemPrompt.removeCatch(),
  temperature: extra.temperature.removeCatch(),
  maxOutputTokens: extra.maxOutputTokens.removeCatch(),
});
export type PresetSettings = z.infer<typeof presetSettingsSchema>;

export const presetCreateSchema = z.object({ name: z.string().trim().min(1).max(100), settings: presetSettingsSchema }).strict();
export const presetPatchSchema = z
  .object({ name: z.string().trim().min(1).max(100), settings: presetSettingsSchema.partial() })
  .partial()
  .strict();
export const presetPublishSchema = z.object({ published: z.boolean() }).strict();

export type PresetAction = "read" | "edit" | "delete" | "publish";
export type PresetDecision = "ok" | "forbidden" | "not_found";

/**
 * Who may do what with a preset. Someone else's private preset does not exist for you (404, admins
 * included). A published preset is readable by everyone; its owner edits it; its owner or an admin
 * may unpublish or delete it; anyone else gets 403.
 */
export function presetDecision({
  preset,
  user,
  action,
}: {
  preset: { userId: string; published: boolean };
  user: { id: string; role: string };
  action: PresetAction;
}): PresetDecision {
  const own = preset.userId === user.id;
  if (own) return "ok";
  if (!preset.published) return "not_found";
  if (action === "read") return "ok";
  if (action === "edit") return "forbidden";
  return user.role === "admin" ? "ok" : "forbidden";
}

/** Stored JSON → settings; a broken document falls back to sane values instead of failing the page. */
export function parsePresetSettings(raw: unknown, fallbackModel: string): PresetSettings {
  const r = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const parsed = presetSettingsSchema.safeParse({
    model: fallbackModel,
    thinking: true,
    reasoningEffort: null,
    systemPrompt: "",
    temperature: null,
    maxOutputTokens: null,
    ...r,
  });
  return parsed.success
    ? parsed.data
    : { model: fallbackModel, thinking: true, reasoningEffort: null, systemPrompt: "", temperature: null, maxOutputTokens: null };
}
