import "server-only";
import { getDb } from "../client";

export async function getSetting<T>({ key }: { key: string }): Promise<T | undefined> {
  const row = await getDb().setting.findUnique({ where: { key } });
  return row ? (row.value as T) : undefined;
}

export async function putSetting({ key, value }: { key: string; value: unknown }): Promise<void> {
  await getDb().setting.upsert({ where: { key }, update: { value: value as object }, create: { key, value: value as object } });
}
