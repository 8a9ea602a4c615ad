import { z } from "zod";
import { parseParams, withUser } from "@/lib/http";
import { forkShare } from "@/lib/sharing/service";

type Params = { token: string };
const paramsSchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

/** "Continue in my chats": copies what the viewer can read into a new chat of their own. */
export const POST = withUser<Params>(async (_req, { user, params }) => {
  const { token } = parseParams(params, paramsSchema);
  return Response.json(await forkShare({ token, user }), { status: 201 });
});
