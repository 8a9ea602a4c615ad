import { core } from "./dict/core";
import { portability } from "./dict/portability";

// Every area's dictionary, merged. To add an area: create dict/<area>.ts with defineMessages()
// and spread it into both tables here.
export const en = {
  ...core.en,
  ...portability.en,
} as const;
export const zhTable: Record<keyof typeof en, string> = {
  ...core.zh,
  ...portability.zh,
};

export type MessageKey = keyof typeof en;
