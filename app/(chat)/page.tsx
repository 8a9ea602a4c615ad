import { generateId } from "ai";
import { redirect } from "next/navigation";
import { Chat } from "@/components/chat/chat";
import { getCurrentUser } from "@/lib/auth/session";
import { getChatPageContext } from "@/lib/chat/page-data";
import { getUserPrefsRaw } from "@/lib/db/queries/users";
import { env } from "@/lib/env";
import { parseUserPrefs } from "@/lib/settings/schema";

export const dynamic = "force-dynamic";

export default async function NewChatPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  const [{ models, configured }, raw] = await Promise.all([getChatPageContext(), getUserPrefsRaw({ id: user.id })]);
  const prefs = parseUserPrefs(raw);
  const model = models.find((m) => m.id === prefs.defaultModel)?.id ?? models.find((m) => m.id === env.DEFAULT_MODEL)?.id ?? models[0].id;
  const id = generateId();
  return (
    <Chat
      key={id}
      id={id}
      initialMessages={[]}
      initialSettings={{ model, thinking: prefs.defaultThinking, reasoningEffort: prefs.defaultEffort }}
      models={models}
      configured={configured}
      isAdmin={user.role === "admin"}
    />
  );
}
