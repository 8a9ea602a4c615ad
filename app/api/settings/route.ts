import { getUserPrefsRaw, saveUserPrefs } from "@/lib/db/queries/users";
import { parseJson, withUser } from "@/lib/http";
import { parseUserPrefs, userPrefsPatchSchema } from "@/lib/settings/schema";

export const GET = withUser(async (_req, { user }) => {
  return Response.json({ prefs: parseUserPrefs(await getUserPrefsRaw({ id: user.id })) });
});

export const PATCH = withUser(async (req, { user }) => {
  const patch = await parseJson(req, userPrefsPatchSchema, 32 * 1024);
  const prefs = { ...parseUserPrefs(await getUserPrefsRaw({ id: user.id })), ...patch };
  await saveUserPrefs({ id: user.id, prefs });
  return Response.json({ prefs });
});
