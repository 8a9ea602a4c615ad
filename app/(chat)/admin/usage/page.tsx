import { notFound, redirect } from "next/navigation";
import { AdminUsage } from "@/components/usage/admin-usage";
import { getCurrentUser } from "@/lib/auth/session";
import { listAllApiTokens } from "@/lib/db/queries/api-tokens";
import { getFreshBalance } from "@/lib/usage/balance-view";
import { getTeamUsage, REPORT_DAYS } from "@/lib/usage/page-data";
import { getUsageSettings } from "@/lib/usage/settings";

export const dynamic = "force-dynamic";

export default async function AdminUsagePage() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  if (user.role !== "admin") notFound();
  const [report, balance, settings, tokens] = await Promise.all([getTeamUsage(), getFreshBalance(), getUsageSettings(), listAllApiTokens()]);
  return (
    <AdminUsage
      report={report}
      days={REPORT_DAYS}
      balance={balance ?? null}
      settings={settings}
      tokens={tokens.map((tk) => ({ id: tk.id, name: tk.name, prefix: tk.prefix, userEmail: tk.userEmail, revoked: Boolean(tk.revokedAt), createdAt: tk.createdAt.toISOString() }))}
    />
  );
}
