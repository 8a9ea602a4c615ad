"use client";
import type { DeepSeekStatus } from "@/lib/admin/deepseek-status";
import { useI18n } from "@/lib/i18n/client";

export function DeepSeekPanel({ status }: { status: DeepSeekStatus }) {
  const { t } = useI18n();
  return (
    <dl className="grid max-w-xl grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm" data-testid="admin-deepseek">
      <dt className="text-gray-500">{t("admin.deepseek.key")}</dt>
      <dd data-testid="admin-deepseek-key">{status.keyConfigured ? t("admin.deepseek.keyYes") : t("admin.deepseek.keyNo")}</dd>
      <dt className="text-gray-500">{t("admin.deepseek.baseUrl")}</dt>
      <dd className="font-mono" data-testid="admin-deepseek-base-url">{status.baseUrl}</dd>
      <dt className="text-gray-500">{t("admin.deepseek.models")}</dt>
      <dd data-testid="admin-deepseek-models">{status.models.join(", ") || "—"}</dd>
      <dt className="text-gray-500">{t("admin.deepseek.balance")}</dt>
      <dd>
        {status.balance
          ? status.balance.balances.map((b) => `${b.total.toFixed(2)} ${b.currency}`).join(" · ") || "—"
          : t("admin.deepseek.balanceUnknown")}{" "}
        <a href="/admin/usage" className="text-brand-600 hover:underline">{t("usage.adminLink")}</a>
      </dd>
    </dl>
  );
}
