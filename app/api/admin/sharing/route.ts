import { audit } from "@/lib/admin/audit";
import { parseJson, withAdmin } from "@/lib/http";
import { getSharingSettings, sharingSettingsSchema, updateSharingSettings } from "@/lib/sharing/settings";

const patchSchema = sharingSettingsSchema.partial().strict();

export const GET = withAdmin(async () => Response.json(await getSharingSettings()));

/** Switching public sharing off hides every public link (404) without deleting it; on brings them back. */
export const PUT = withAdmin(async (req, { user }) => {
  const patch = await parseJson(req, patchSchema);
  const before = await getSharingSettings();
  const after = await updateSharingSettings(patch);
  await audit(user, "sharing.update", null, { from: before, to: after });
  return Response.json(after);
});
