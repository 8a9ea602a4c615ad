import "server-only";
import { z } from "zod";
import { getSetting, putSetting } from "@/lib/db/queries/settings";
import { processCache } from "@/lib/ops/process-cache";

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

/**
 * Read on every chat turn and API call (budgets, the API switch), so kept in process memory for
 * SETTINGS_CACHE_MS. Saving through updateUsageSettings() refreshes this instance at once; other
 * instances of a multi-instance deployment follow within SETTINGS_CACHE_MS.
 */
export const SETTINGS_CACHE_MS = 10_000;
const cached = processCache("usage-settings", SETTINGS_CACHE_MS, readUsageSettings);

/** The settings in force (cached, see SETTINGS_CACHE_MS). Treat the result as read-only. */
export async function getUsageSettings(): Promise<UsageSettings> {
  return cached.get();
}

/** Straight from the database, for the admin's own views of them. */
export async function readUsageSettings(): Promise<UsageSettings> {
  const raw = await getSetting<unknown>({ key: KEY });
  const parsed = usageSettingsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : usageSettingsSchema.parse({});
}

export async function updateUsageSettings(patch: Partial<UsageSettings>): Promise<UsageSettings> {
  // Merged with what is stored, not with this instance's cached copy.
  const next = usageSettingsSchema.parse({ ...(await readUsageSettings()), ...patch });
  await putSetting({ key: KEY, value: next });
  cached.invalidate();
  return next;
}
