import { audit } from "@/lib/admin/audit";
import { getUserBudget, setUserBudget } from "@/lib/db/queries/budgets";
import { getUserById } from "@/lib/db/queries/users";
import { AppError } from "@/lib/errors";
import { parseJson, withAdmin } from "@/lib/http";
import { budgetLimitsSchema } from "@/lib/usage/settings";

export const GET = withAdmin<{ userId: string }>(async (_req, { params }) => Response.json({ budget: await getUserBudget({ userId: params.userId }) }));

/** A per-user override; all fields null removes it. */
export const PUT = withAdmin<{ userId: string }>(async (req, { user, params }) => {
  const target = await getUserById({ id: params.userId });
  if (!target) throw new AppError("not_found:budget");
  const budget = await parseJson(req, budgetLimitsSchema);
  await setUserBudget({ userId: params.userId, budget });
  await audit(user, "budget.update", { type: "user", id: target.id, label: target.email }, { budget });
  return Response.json({ budget: await getUserBudget({ userId: params.userId }) });
});
