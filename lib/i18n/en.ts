import { core } from "./dict/core";
import { security } from "./dict/security";

// Every area's dictionary, merged. To add an area: create dict/<area>.ts with defineMessages()
// and spread it into both tables here.
export const en = { ...core.en, ...security.en } as const;
export const zhTable: Record<keyof typeof en, string> = { ...core.zh, ...security.zh };

export type MessageKey = keyof typeof en;
