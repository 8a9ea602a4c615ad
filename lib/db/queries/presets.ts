import "server-only";
import { getDb } from "../client";

export type PresetRecord = {
  id: string;
  userId: string;
  name: string;
  settings: unknown;
  published: boolean;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  owner: { name: string | null };
};
const presetFields = {
  id: true,
  userId: true,
  name: true,
  settings: true,
  published: true,
  publishedAt: true,
  createdAt: true,
  updatedAt: true,
  user: { select: { name: true } },
} as const;

function toRecord({ user, ...row }: Omit<PresetRecord, "owner"> & { user: { name: string | null } }): PresetRecord {
  return { ...row, owner: user };
}

/** The user's own presets and every published one, published first, then by name. */
export async function listPresetsForUser({ userId }: { userId: string }): Promise<PresetRecord[]> {
  const rows = await getDb().preset.findMany({
    where: { OR: [{ userId }, { published: true }] },
    orderBy: [{ published: "desc" }, { name: "asc" }, { id: "asc" }],
    select: presetFields,
  });
  return rows.map(toRecord);
}

/** Any preset by id; the caller applies presetDecision() before showing or changing it. */
export async function getPresetById({ id }: { id: string }): Promise<PresetRecord | null> {
  const row = await getDb().preset.findUnique({ where: { id }, select: presetFields });
  return row ? toRecord(row) : null;
}

export async function createPreset({ userId, name, settings }: { userId: string; name: string; settings: object }): Promise<PresetRecord> {
  return toRecord(await getDb().preset.create({ data: { userId, name, settings }, select: presetFields }));
}

export async function updatePreset({ id, name, settings }: { id: string; name?: string; settings?: object }): Promise<PresetRecord> {
  return toRecord(
    await getDb().preset.update({
      where: { id },
      data: { ...(name !== undefined ? { name } : {}), ...(settings !== undefined ? { settings } : {}) },
      select: presetFields,
    }),
  );
}

export async function setPresetPublished({ id, published }: { id: string; published: boolean }): Promise<PresetRecord> {
  return toRecord(
    await getDb().preset.update({
      where: { id },
      data: { published, publishedAt: published ? new Date() : null },
      select: presetFields,
    }),
  );
}

export async function deletePreset({ id }: { id: string }): Promise<void> {
  await getDb().preset.deleteMany({ where: { id } });
}
