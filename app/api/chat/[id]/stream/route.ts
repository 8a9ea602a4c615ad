import { generations } from "@/lib/chat/generations/registry";
import { sseResponse } from "@/lib/chat/generations/sse";
import { getChatOrThrow } from "@/lib/db/queries/chats";
import { findStreamingAssistant } from "@/lib/db/queries/messages";
import { withUser } from "@/lib/http";

export const maxDuration = 800;

// useChat's resume: replay the running answer from its first chunk and follow it live; 204 when
// nothing is generating (the thread from the database is already complete).
export const GET = withUser<{ id: string }>(async (_req, { user, params }) => {
  const chat = await getChatOrThrow({ id: params.id, userId: user.id });
  const live = await findStreamingAssistant({ chatId: chat.id });
  const stream = live ? await generations.attach(live.id) : null;
  return stream ? sseResponse(stream) : new Response(null, { status: 204 });
});
