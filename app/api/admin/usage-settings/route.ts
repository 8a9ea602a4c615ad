import { z } from "zod";
import { audit } from "@/lib/admin/audit";
import { parseJson, withAdmin } from "@/lib/http";
import { budgetLimitsSchema, readUsageSettings, updateUsageSettings } from "@/lib/usage/settings";

// No defaults here: absent keys stay as they are.
const patchSchema = z
  .object({
    apiEnabled: z.boolean(),
    roleBudgets: z.object({ admin: budgetLimitsSchema, member: budgetLimitsSchema }),
    instanceMonthlyUsd: z.number().nonnegative().nullable(),
    lowBalanceThreshold: z.number().nonnegative().nullable(),
    displayCurrency: z.enum(["USD", "CNY"]),
  })
  .partial()
  .strict();

export const GET = withAdmin(async () => Response.json(await readUsageSettings()));

export const PUT = withAdmin(async (req, { user }) => {
  const patch = await parseJson(req, patchSchema);
  const next = await updateUsageSettings(patch);
  await audit(user, "usage_settings.update", null, { changed: patch });
  return Response.json(next);
});
