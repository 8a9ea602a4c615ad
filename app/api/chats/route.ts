import { z } from "zod";
import { listChatsForUser } from "@/lib/db/queries/chats";
import { AppError } from "@/lib/errors";
import { withUser } from "@/lib/http";

const querySchema = z.object({
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const GET = withUser(async (req, { user }) => {
  const parsed = querySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) throw new AppError("bad_request:api");
  const chats = await listChatsForUser({ userId: user.id, ...parsed.data });
  return Response.json({ chats, nextCursor: chats.length === parsed.data.limit ? chats.at(-1)?.id : null });
});
