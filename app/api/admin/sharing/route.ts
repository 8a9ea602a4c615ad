import { parseJson, withAdmin } from "@/lib/http";
import { getSharingSettings, sharingSettingsSchema, updateSharingSettings } from "@/lib/sharing/settings";

const patchSchema = sharingSettingsSchema.partial().strict();

export const GET = withAdmin(async () => Response.json(await getSharingSettings()));

/** Switching public sharing off hides every public link (404) without deleting it; on brings them back. */
export const PUT = withAdmin(async (req) => Response.json(await updateSharingSettings(await parseJson(req, patchSchema))));
