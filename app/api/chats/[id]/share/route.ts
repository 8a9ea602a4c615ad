import { z } from "zod";
import { parseJson, parseParams, withUser } from "@/lib/http";
import { getShareState, revokeShare, setShare } from "@/lib/sharing/service";

type Params = { id: string };
const paramsSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
const shareRequestSchema = z
  .object({ visibility: z.enum(["private", "team", "public"]), includeSystemPrompt: z.boolean().optional() })
  .strict();

/** The owner's view of the chat's link (someone else's chat is a 404, like everywhere). */
export const GET = withUser<Params>(async (_req, { user, params }) => {
  const { id } = parseParams(params, paramsSchema);
  return Response.json(await getShareState({ user, chatId: id }));
});

export const PUT = withUser<Params>(async (req, { user, params }) => {
  const { id } = parseParams(params, paramsSchema);
  const body = await parseJson(req, shareRequestSchema);
  return Response.json(await setShare({ user, chatId: id, ...body }));
});

/** Revoke: the link 404s from now on. */
export const DELETE = withUser<Params>(async (_req, { user, params }) => {
  const { id } = parseParams(params, paramsSchema);
  await revokeShare({ user, chatId: id });
  return new Response(null, { status: 204 });
});
