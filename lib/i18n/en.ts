import { api } from "./dict/api";
import { branches } from "./dict/branches";
import { core } from "./dict/core";
import { portability } from "./dict/portability";
import { security } from "./dict/security";
import { usage } from "./dict/usage";
import { usage2 } from "./dict/usage2";
import { ux } from "./dict/ux";

// Every area's dictionary, merged. To add an area: create dict/<area>.ts with defineMessages()
// and spread it into both tables here.
export const en = {
  ...core.en,
  ...ux.en,
  ...branches.en,
  ...api.en,
  ...usage.en,
  ...usage2.en,
  ...security.en,
  ...portability.en,
} as const;
export const zhTable: Record<keyof typeof en, string> = {
  ...core.zh,
  ...ux.zh,
  ...branches.zh,
  ...api.zh,
  ...usage.zh,
  ...usage2.zh,
  ...security.zh,
  ...portability.zh,
};

export type MessageKey = keyof typeof en;
