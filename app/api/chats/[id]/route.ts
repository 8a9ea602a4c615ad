import { deleteChat, getChatOrThrow } from "@/lib/db/queries/chats";
import { listMessages } from "@/lib/db/queries/messages";
import { withUser } from "@/lib/http";

type Params = { id: string };

export const GET = withUser<Params>(async (_req, { user, params }) => {
  const chat = await getChatOrThrow({ id: params.id, userId: user.id });
  const messages = await listMessages({ chatId: chat.id, leafId: chat.activeLeafId });
  const { userId: _owner, ...publicChat } = chat;
  return Response.json({ chat: publicChat, messages });
});

export const DELETE = withUser<Params>(async (_req, { user, params }) => {
  await deleteChat({ id: params.id, userId: user.id });
  return new Response(null, { status: 204 });
});
