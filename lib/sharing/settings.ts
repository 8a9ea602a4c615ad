import "server-only";
import { z } from "zod";
import { getSetting, putSetting } from "@/lib/db/queries/settings";

// Instance-wide sharing switches, one JSON document in the Setting table (like the usage settings).
export const sharingSettingsSchema = z.object({ publicEnabled: z.boolean().default(true) });
export type SharingSettings = z.infer<typeof sharingSettingsSchema>;
const KEY = "sharing";

export async function getSharingSettings(): Promise<SharingSettings> {
  const parsed = sharingSettingsSchema.safeParse((await getSetting<unknown>({ key: KEY })) ?? {});
  return parsed.success ? parsed.data : sharingSettingsSchema.parse({});
}

export async function updateSharingSettings(patch: Partial<SharingSettings>): Promise<SharingSettings> {
  const next = sharingSettingsSchema.parse({ ...(await getSharingSettings()), ...patch });
  await putSetting({ key: KEY, value: next });
  return next;
}
