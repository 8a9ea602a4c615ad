import "server-only";
import { z } from "zod";
import { getSetting, putSetting } from "@/lib/db/queries/settings";

const limit = z.number().nonnegative().nullable().default(null);
export const budgetLimitsSchema = z.object({ dailyTokens: limit, monthlyTokens: limit, dailyUsd: limit, monthlyUsd: limit });
export type BudgetLimits = z.infer<typeof budgetLimitsSchema>;
const noLimits: BudgetLimits = { dailyTokens: null, monthlyTokens: null, dailyUsd: null, monthlyUsd: null };

// One JSON document, validated on read and write, so a bad value cannot lock the instance.
export const usageSettingsSchema = z.object({
  apiEnabled: z.boolean().default(true),
  roleBudgets: z
    .object({ admin: budgetLimitsSchema.default(noLimits), member: budgetLimitsSchema.default(noLimits) })
    .default({ admin: noLimits, member: noLimits }),
  instanceMonthlyUsd: z.number().nonnegative().nullable().default(null),
  lowBalanceThreshold: z.number().nonnegative().nullable().default(null),
  /** Currency the usage pages show costs in (each record stores both when both prices exist). Budgets stay in USD. */
  displayCurrency: z.enum(["USD", "CNY"]).default("USD"),
});
export type UsageSettings = z.infer<typeof usageSettingsSchema>;

const KEY = "usage";

export async function getUsageSettings(): Promise<UsageSettings> {
  const raw = await getSetting<unknown>({ key: KEY });
  const parsed = usageSettingsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : usageSettingsSchema.parse({});
}

export async function updateUsageSettings(patch: Partial<UsageSettings>): Promise<UsageSettings> {
  const next = usageSettingsSchema.parse({ ...(await getUsageSettings()), ...patch });
  await putSetting({ key: KEY, value: next });
  return next;
}
