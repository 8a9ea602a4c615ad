import { audit } from "@/lib/admin/audit";
import { getUserBudget, setUserBudget } from "@/lib/db/queries/budgets";
import { getUserById } from "@/lib/db/queries/users";
import { AppError } from "@/lib/errors";
import { parseJson, withAdmin } from "@/lib/http";
import { periodEnd } from "@/lib/usage/budget-math";
import { getBudgetStatus } from "@/lib/usage/budgets";
import { budgetLimitsSchema } from "@/lib/usage/settings";

/** The override (null: none) plus what the admin form shows: role default, effective limits, spend so far. */
export const GET = withAdmin<{ userId: string }>(async (_req, { params }) => {
  const user = await getUserById({ id: params.userId });
  if (!user) throw new AppError("not_found:budget");
  const [budget, status] = await Promise.all([getUserBudget({ userId: user.id }), getBudgetStatus(user)]);
  return Response.json({
    budget,
    user: { id: user.id, email: user.email, role: user.role },
    roleDefault: status.roleDefault,
    effective: status.limits,
    spent: status.spent,
    resetsAt: { daily: periodEnd("daily", new Date()).toISOString(), monthly: periodEnd("monthly", new Date()).toISOString() },
  });
});

/** A per-user override; all fields null removes it. */
export const PUT = withAdmin<{ userId: string }>(async (req, { user, params }) => {
  const target = await getUserById({ id: params.userId });
  if (!target) throw new AppError("not_found:budget");
  const budget = await parseJson(req, budgetLimitsSchema);
  await setUserBudget({ userId: params.userId, budget });
  await audit(user, "budget.update", { type: "user", id: target.id, label: target.email }, { budget });
  return Response.json({ budget: await getUserBudget({ userId: params.userId }) });
});
