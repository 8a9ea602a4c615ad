import "server-only";
import { createPreset, deletePreset, getPresetById, listPresetsForUser, setPresetPublished, updatePreset, type PresetRecord } from "@/lib/db/queries/presets";
import type { AppUser } from "@/lib/db/queries/users";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { parsePresetSettings, presetDecision, type PresetAction, type PresetSettings } from "./rules";

/** A preset as the API and the pages show it. */
export type PresetView = {
  id: string;
  name: string;
  settings: PresetSettings;
  published: boolean;
  mine: boolean;
  ownerName: string | null;
  /** What this user may do with it, so the UI shows only working buttons. */
  canEdit: boolean;
  canPublish: boolean;
  updatedAt: string;
};

export function toPresetView(p: PresetRecord, user: AppUser): PresetView {
  return {
    id: p.id,
    name: p.name,
    settings: parsePresetSettings(p.settings, env.DEFAULT_MODEL),
    published: p.published,
    mine: p.userId === user.id,
    ownerName: p.owner.name,
    canEdit: presetDecision({ preset: p, user, action: "edit" }) === "ok",
    canPublish: presetDecision({ preset: p, user, action: "publish" }) === "ok",
    updatedAt: p.updatedAt.toISOString(),
  };
}

export async function listPresets({ user }: { user: AppUser }): Promise<PresetView[]> {
  return (await listPresetsForUser({ userId: user.id })).map((p) => toPresetView(p, user));
}

/** The preset if this user may do `action` with it: someone else's private preset is a 404, a forbidden change a 403. */
export async function getPresetOrThrow({ id, user, action }: { id: string; user: AppUser; action: PresetAction }): Promise<PresetRecord> {
  const preset = await getPresetById({ id });
  const decision = preset ? presetDecision({ preset, user, action }) : "not_found";
  if (decision === "not_found") throw new AppError("not_found:preset");
  if (decision === "forbidden") throw new AppError("forbidden:preset");
  return preset!;
}

export async function savePreset({ user, name, settings }: { user: AppUser; name: string; settings: PresetSettings }): Promise<PresetView> {
  return toPresetView(await createPreset({ userId: user.id, name, settings }), user);
}

export async function editPreset({
  user,
  id,
  name,
  settings,
}: {
  user: AppUser;
  id: string;
  name?: string;
  settings?: Partial<PresetSettings>;
}): Promise<PresetView> {
  const preset = await getPresetOrThrow({ id, user, action: "edit" });
  const merged = settings ? { ...parsePresetSettings(preset.settings, env.DEFAULT_MODEL), ...settings } : undefined;
  return toPresetView(await updatePreset({ id: preset.id, name, settings: merged }), user);
}

export async function publishPreset({ user, id, published }: { user: AppUser; id: string; published: boolean }): Promise<PresetView> {
  const preset = await getPresetOrThrow({ id, user, action: "publish" });
  return toPresetView(await setPresetPublished({ id: preset.id, published }), user);
}

export async function removePreset({ user, id }: { user: AppUser; id: string }): Promise<void> {
  const preset = await getPresetOrThrow({ id, user, action: "delete" });
  await deletePreset({ id: preset.id });
}
