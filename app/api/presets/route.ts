import { parseJson, withUser } from "@/lib/http";
import { presetCreateSchema } from "@/lib/presets/rules";
import { listPresets, savePreset } from "@/lib/presets/service";

/** The user's own presets and the team's published ones. */
export const GET = withUser(async (_req, { user }) => Response.json({ presets: await listPresets({ user }) }));

export const POST = withUser(async (req, { user }) => {
  const body = await parseJson(req, presetCreateSchema);
  return Response.json(await savePreset({ user, ...body }), { status: 201 });
});
