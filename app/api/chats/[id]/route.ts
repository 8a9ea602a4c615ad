import { z } from "zod";
import { deleteChat, getChatOrThrow } from "@/lib/db/queries/chats";
import { listMessages } from "@/lib/db/queries/messages";
import { parseParams, withUser } from "@/lib/http";

type Params = { id: string };
const paramsSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

export const GET = withUser<Params>(async (_req, { user, params }) => {
  const { id } = parseParams(params, paramsSchema);
  const chat = await getChatOrThrow({ id, userId: user.id });
  const messages = await listMessages({ chatId: chat.id, leafId: chat.activeLeafId });
  const { userId: _owner, ...publicChat } = chat;
  return Response.json({ chat: publicChat, messages });
});

export const DELETE = withUser<Params>(async (_req, { user, params }) => {
  const { id } = parseParams(params, paramsSchema);
  await deleteChat({ id, userId: user.id });
  return new Response(null, { status: 204 });
});
