import { z } from "zod";
import { restoreChat } from "@/lib/db/queries/chats";
import { parseParams, withUser } from "@/lib/http";

const paramsSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

/** Undo of DELETE /api/chats/:id, within the undo window (CHAT_UNDO_WINDOW_MS); afterwards 404. */
export const POST = withUser<{ id: string }>(async (_req, { user, params }) => {
  const { id } = parseParams(params, paramsSchema);
  await restoreChat({ id, userId: user.id });
  return Response.json({ ok: true });
});
