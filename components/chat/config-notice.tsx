"use client";
import { useI18n } from "@/lib/i18n/client";

export function ConfigNotice({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useI18n();
  return (
    <div role="status" data-testid="config-notice" data-audience={isAdmin ? "admin" : "member"} className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200">
      <p className="font-semibold">{isAdmin ? t("config.adminTitle") : t("config.memberTitle")}</p>
      <p className="mt-1">{isAdmin ? t("config.adminBody") : t("config.memberBody")}</p>
    </div>
  );
}
