import { notFound, redirect } from "next/navigation";
import { Chat } from "@/components/chat/chat";
import { getCurrentUser } from "@/lib/auth/session";
import { getChatPageContext } from "@/lib/chat/page-data";
import { getChatOrThrow } from "@/lib/db/queries/chats";
import { listMessages } from "@/lib/db/queries/messages";
import { isAppError } from "@/lib/errors";

export default async function ChatPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  const { id } = await params;
  const chat = await getChatOrThrow({ id, userId: user.id }).catch((e) => {
    if (isAppError(e) && e.code === "not_found:chat") notFound();
    throw e;
  });
  const [messages, { models, configured }] = await Promise.all([listMessages({ chatId: chat.id, leafId: chat.activeLeafId }), getChatPageContext()]);
  return (
    <Chat
      key={chat.id}
      id={chat.id}
      initialMessages={messages}
      initialSettings={{ model: chat.model, thinking: chat.thinking, reasoningEffort: chat.reasoningEffort }}
      models={models}
      configured={configured}
      isAdmin={user.role === "admin"}
    />
  );
}
