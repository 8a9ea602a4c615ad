import { generateId } from "ai";
import { redirect } from "next/navigation";
import { Chat } from "@/components/chat/chat";
import { getCurrentUser, getUserPrefsFor } from "@/lib/auth/session";
import { getChatPageContext } from "@/lib/chat/page-data";
import { env } from "@/lib/env";
import { listPresets } from "@/lib/presets/service";
import { parseUserPrefs } from "@/lib/settings/schema";

export const dynamic = "force-dynamic";

export default async function NewChatPage({ searchParams }: { searchParams: Promise<{ preset?: string }> }) {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  const [{ models, configured }, raw, presets, { preset: presetParam }] = await Promise.all([
    getChatPageContext(),
    getUserPrefsFor(user),
    listPresets({ user }),
    searchParams,
  ]);
  const prefs = parseUserPrefs(raw);
  const model = models.find((m) => m.id === prefs.defaultModel)?.id ?? models.find((m) => m.id === env.DEFAULT_MODEL)?.id ?? models[0].id;
  // Starting from a preset copies its settings into the new chat (only presets this user can see).
  const preset = presets.find((p) => p.id === presetParam);
  const id = generateId();
  return (
    <Chat
      key={id}
      id={id}
      initialMessages={[]}
      initialSettings={
        preset
          ? { model: models.find((m) => m.id === preset.settings.model)?.id ?? model, thinking: preset.settings.thinking, reasoningEffort: preset.settings.reasoningEffort }
          : { model, thinking: prefs.defaultThinking, reasoningEffort: prefs.defaultEffort }
      }
      initialExtra={
        preset
          ? { systemPrompt: preset.settings.systemPrompt, temperature: preset.settings.temperature, maxOutputTokens: preset.settings.maxOutputTokens }
          : undefined
      }
      presets={presets.map((p) => ({ id: p.id, name: p.name, published: p.published }))}
      presetId={preset?.id ?? null}
      models={models}
      configured={configured}
      isAdmin={user.role === "admin"}
    />
  );
}
