import { z } from "zod";
import { searchChats } from "@/lib/db/queries/search";
import { AppError } from "@/lib/errors";
import { withUser } from "@/lib/http";

const querySchema = z.object({ q: z.string().trim().min(1).max(200) });

export const GET = withUser(async (req, { user }) => {
  const parsed = querySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) throw new AppError("bad_request:api");
  const hits = await searchChats({ userId: user.id, q: parsed.data.q });
  return Response.json({ hits });
});
