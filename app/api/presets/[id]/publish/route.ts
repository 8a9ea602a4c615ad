import { z } from "zod";
import { parseJson, parseParams, withUser } from "@/lib/http";
import { presetPublishSchema } from "@/lib/presets/rules";
import { publishPreset } from "@/lib/presets/service";

type Params = { id: string };
const paramsSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

/** Publish to the whole team or take back: the owner, or an admin (for a preset already published). */
export const PUT = withUser<Params>(async (req, { user, params }) => {
  const { id } = parseParams(params, paramsSchema);
  const { published } = await parseJson(req, presetPublishSchema);
  return Response.json(await publishPreset({ user, id, published }));
});
