import { getUserBudget, setUserBudget } from "@/lib/db/queries/budgets";
import { getUserById } from "@/lib/db/queries/users";
import { AppError } from "@/lib/errors";
import { parseJson, withAdmin } from "@/lib/http";
import { budgetLimitsSchema } from "@/lib/usage/settings";

export const GET = withAdmin<{ userId: string }>(async (_req, { params }) => Response.json({ budget: await getUserBudget({ userId: params.userId }) }));

/** A per-user override; all fields null removes it. */
export const PUT = withAdmin<{ userId: string }>(async (req, { params }) => {
  if (!(await getUserById({ id: params.userId }))) throw new AppError("not_found:budget");
  const budget = await parseJson(req, budgetLimitsSchema);
  await setUserBudget({ userId: params.userId, budget });
  return Response.json({ budget: await getUserBudget({ userId: params.userId }) });
});
