import Link from "next/link";
import { getTranslator } from "@/lib/i18n/server";
import { getBalanceAlert } from "@/lib/usage/balance-view";

/** Server component for admins: a banner when DeepSeek's balance is low or exhausted. */
export async function BalanceBanner() {
  const alert = await getBalanceAlert().catch(() => null);
  if (!alert) return null;
  const { t } = await getTranslator();
  return (
    <div role="alert" data-testid="balance-banner" data-kind={alert.kind} className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
      <Link href="/admin/usage">{alert.kind === "empty" ? t("admin.balance.empty") : t("admin.balance.low", { amount: alert.amount })}</Link>
    </div>
  );
}
