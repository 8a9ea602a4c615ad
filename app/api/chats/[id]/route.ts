import { z } from "zod";
import { deleteChat, getChatOrThrow, updateChat } from "@/lib/db/queries/chats";
import { generations } from "@/lib/chat/generations/registry";
import { findStreamingAssistant, listMessages } from "@/lib/db/queries/messages";
import { parseJson, parseParams, withUser } from "@/lib/http";
import { chatPatchSchema, parseChatExtra } from "@/lib/settings/schema";

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
  // An answer still being generated for it is stopped (and saved as stopped, in case of undo).
  const live = await findStreamingAssistant({ chatId: id });
  if (live) await generations.stop(live.id);
  return new Response(null, { status: 204 });
});

/** Rename (a hand-made title wins over automatic ones), pin/unpin, per-chat generation settings. */
export const PATCH = withUser<Params>(async (req, { user, params }) => {
  const { id } = parseParams(params, paramsSchema);
  const patch = await parseJson(req, chatPatchSchema, 32 * 1024);
  const chat = await getChatOrThrow({ id, userId: user.id });
  const settings = patch.settings ? { ...parseChatExtra(chat.settings), ...patch.settings } : undefined;
  await updateChat({ id: chat.id, userId: user.id, title: patch.title, pinned: patch.pinned, settings });
  return Response.json({ ok: true, settings: settings ?? parseChatExtra(chat.settings) });
});
