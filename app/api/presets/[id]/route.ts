import { z } from "zod";
import { parseJson, parseParams, withUser } from "@/lib/http";
import { presetPatchSchema } from "@/lib/presets/rules";
import { editPreset, getPresetOrThrow, removePreset, toPresetView } from "@/lib/presets/service";

type Params = { id: string };
const paramsSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

export const GET = withUser<Params>(async (_req, { user, params }) => {
  const { id } = parseParams(params, paramsSchema);
  return Response.json(toPresetView(await getPresetOrThrow({ id, user, action: "read" }), user));
});

/** Only the owner edits a preset. */
export const PATCH = withUser<Params>(async (req, { user, params }) => {
  const { id } = parseParams(params, paramsSchema);
  const body = await parseJson(req, presetPatchSchema);
  return Response.json(await editPreset({ user, id, ...body }));
});

/** The owner, or an admin for a published preset. */
export const DELETE = withUser<Params>(async (_req, { user, params }) => {
  const { id } = parseParams(params, paramsSchema);
  await removePreset({ user, id });
  return new Response(null, { status: 204 });
});
