import { z } from "zod";
import { childrenIndex, newestLeaf, visibleBranch } from "@/lib/chat/branches";
import { getChatOrThrow, setActiveLeaf } from "@/lib/db/queries/chats";
import { listMessageTree, toVisible } from "@/lib/db/queries/messages";
import { AppError } from "@/lib/errors";
import { parseJson, withUser } from "@/lib/http";

const bodySchema = z.object({ messageId: z.string().min(1).max(64) });

// `< 2/3 >` paging: show the branch through `messageId` (down to its newest answer).
export const POST = withUser<{ id: string }>(async (req, { user, params }) => {
  const { messageId } = await parseJson(req, bodySchema);
  const chat = await getChatOrThrow({ id: params.id, userId: user.id });
  const tree = await listMessageTree({ chatId: chat.id });
  if (!tree.some((m) => m.id === messageId)) throw new AppError("not_found:chat", { reason: "unknown_message" });
  const leafId = newestLeaf(childrenIndex(tree), messageId);
  await setActiveLeaf({ id: chat.id, userId: user.id, leafId });
  return Response.json({ messages: toVisible(visibleBranch(tree, leafId)) });
});
