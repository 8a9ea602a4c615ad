import { forbidden, redirect } from "next/navigation";
import Link from "next/link";
import { AdminUsage } from "@/components/usage/admin-usage";
import { getCurrentUser } from "@/lib/auth/session";
import { MODELS } from "@/lib/ai/models";
import { listAllApiTokens } from "@/lib/db/queries/api-tokens";
import { listCurrentPrices } from "@/lib/db/queries/prices";
import { getFreshBalance } from "@/lib/usage/balance-view";
import { getTeamUsage, REPORT_DAYS } from "@/lib/usage/page-data";
import { readUsageSettings } from "@/lib/usage/settings";
import { getTranslator } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

export default async function AdminUsagePage() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  if (user.role !== "admin") forbidden();
  const { t } = await getTranslator();
  const [report, balance, settings, tokens, prices] = await Promise.all([
    getTeamUsage(),
    getFreshBalance(),
    readUsageSettings(),
    listAllApiTokens(),
    listCurrentPrices(),
  ]);
  // The public links switch moved to the admin console's Sharing tab; this line points there.
  return (
    <div className="flex h-full flex-col">
      <p className="mx-auto w-full max-w-5xl px-6 pt-4 text-xs text-gray-500" data-testid="usage-sharing-moved">
        {t("usage.sharingMoved")}{" "}
        <Link href="/admin?tab=sharing" className="text-brand-600 hover:underline">
          {t("usage.sharingMovedLink")} →
        </Link>
      </p>
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
