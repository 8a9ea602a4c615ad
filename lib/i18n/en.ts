import { core } from "./dict/core";
import { ux } from "./dict/ux";

// Every area's dictionary, merged. To add an area: create dict/<area>.ts with defineMessages()
// and spread it into both tables here.
export const en = {
  ...core.en,
  ...ux.en,
} as const;
export const zhTable: Record<keyof typeof en, string> = {
  ...core.zh,
  ...ux.zh,
};

export type MessageKey = keyof typeof en;
