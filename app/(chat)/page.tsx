import { generateId } from "ai";
import { redirect } from "next/navigation";
import { Chat } from "@/components/chat/chat";
import { getCurrentUser } from "@/lib/auth/session";
import { getChatPageContext } from "@/lib/chat/page-data";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

export default async function NewChatPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  const { models, configured } = await getChatPageContext();
  const model = models.find((m) => m.id === env.DEFAULT_MODEL)?.id ?? models[0].id;
  const id = generateId();
  return (
    <Chat
      key={id}
      id={id}
      initialMessages={[]}
      initialSettings={{ model, thinking: true, reasoningEffort: null }}
      models={models}
      configured={configured}
      isAdmin={user.role === "admin"}
    />
  );
}
