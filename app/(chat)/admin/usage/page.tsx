import { forbidden, redirect } from "next/navigation";
import { SharingSettings } from "@/components/admin/sharing-settings";
import { AdminUsage } from "@/components/usage/admin-usage";
import { getCurrentUser } from "@/lib/auth/session";
import { MODELS } from "@/lib/ai/models";
import { listAllApiTokens } from "@/lib/db/queries/api-tokens";
import { listCurrentPrices } from "@/lib/db/queries/prices";
import { getFreshBalance } from "@/lib/usage/balance-view";
import { getTeamUsage, REPORT_DAYS } from "@/lib/usage/page-data";
import { getUsageSettings } from "@/lib/usage/settings";
import { getSharingSettings } from "@/lib/sharing/settings";

export const dynamic = "force-dynamic";

export default async function AdminUsagePage() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  if (user.role !== "admin") forbidden();
  const [report, balance, settings, tokens, prices, sharing] = await Promise.all([
    getTeamUsage(),
    getFreshBalance(),
    getUsageSettings(),
    listAllApiTokens(),
    listCurrentPrices(),
    getSharingSettings(),
  ]);
  // The sharing switch sits here until the admin console gives it a home.
  return (
    <div className="flex h-full flex-col">
      <div className="mx-auto w-full max-w-5xl px-6 pt-6">
        <SharingSettings initialPublicEnabled={sharing.publicEnabled} />
      </div>
      <div className="min-h-0 flex-1">
        <AdminUsage
          report={report}
          days={REPORT_DAYS}
          balance={balance ?? null}
          settings={settings}
          prices={prices.map((p) => ({ model: p.model, currency: p.currency, peak: p.peak, cacheHit: p.cacheHit, cacheMiss: p.cacheMiss, output: p.output, validFrom: p.validFrom.toISOString() }))}
          models={MODELS.map((m) => m.id)}
          tokens={tokens.map((tk) => ({ id: tk.id, name: tk.name, prefix: tk.prefix, userEmail: tk.userEmail, revoked: Boolean(tk.revokedAt), createdAt: tk.createdAt.toISOString() }))}
        />
      </div>
    </div>
  );
}
