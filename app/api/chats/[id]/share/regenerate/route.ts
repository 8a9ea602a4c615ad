import { z } from "zod";
import { parseParams, withUser } from "@/lib/http";
import { regenerateShare } from "@/lib/sharing/service";

type Params = { id: string };
const paramsSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

/** A new link for the same share; the old one 404s at once. */
export const POST = withUser<Params>(async (_req, { user, params }) => {
  const { id } = parseParams(params, paramsSchema);
  return Response.json(await regenerateShare({ user, chatId: id }));
});
