import { admin } from "./dict/admin";
import { admin2 } from "./dict/admin2";
import { api } from "./dict/api";
import { attachments } from "./dict/attachments";
import { branches } from "./dict/branches";
import { core } from "./dict/core";
import { portability } from "./dict/portability";
import { security } from "./dict/security";
import { sharing } from "./dict/sharing";
import { sso } from "./dict/sso";
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
  ...sharing.en,
  ...attachments.en,
  ...sso.en,
  ...admin.en,
  ...admin2.en,
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
  ...sharing.zh,
  ...attachments.zh,
  ...sso.zh,
  ...admin.zh,
  ...admin2.zh,
};

export type MessageKey = keyof typeof en;
