"use client";
import { useEffect, useState } from "react";
import { buttonClass } from "@/components/ui/dialog";
import { useI18n } from "@/lib/i18n/client";
import { adminFetch, cell } from "./admin-fetch";

type Entry = { id: string; actorEmail: string | null; action: string; targetType: string | null; targetLabel: string | null; targetId: string | null; details: unknown; createdAt: string };
type Page = { entries: Entry[]; total: number; page: number; pageSize: number };

export function AuditPanel() {
  const { t, locale } = useI18n();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page | null>(null);
  useEffect(() => {
    void adminFetch<Page>(`/api/admin/audit?page=${page}`).then((r) => r.data && setData(r.data));
  }, [page]);
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  return (
    <section aria-label={t("admin.tab.audit")} className="space-y-3">
      {data && data.entries.length === 0 && <p className="text-sm text-gray-500">{t("admin.audit.none")}</p>}
      <table className="w-full text-sm" data-testid="admin-audit">
        <thead className="text-xs uppercase text-gray-500">
          <tr>
            <th className={cell}>{t("admin.audit.when")}</th>
            <th className={cell}>{t("admin.audit.actor")}</th>
            <th className={cell}>{t("admin.audit.action")}</th>
            <th className={cell}>{t("admin.audit.target")}</th>
            <th className={cell}>{t("admin.audit.details")}</th>
          </tr>
        </thead>
        <tbody>
          {data?.entries.map((e) => (
            <tr key={e.id} className="border-t border-gray-200 dark:border-gray-800" data-testid="admin-audit-row" data-action={e.action}>
              <td className={`${cell} whitespace-nowrap`}>{new Date(e.createdAt).toLocaleString(locale === "zh" ? "zh-CN" : "en")}</td>
              <td className={cell}>{e.actorEmail ?? "—"}</td>
              <td className={`${cell} font-mono text-xs`}>{e.action}</td>
              <td className={cell}>{e.targetLabel ?? e.targetId ?? "—"}</td>
              <td className={`${cell} max-w-xs truncate font-mono text-xs`} title={e.details ? JSON.stringify(e.details) : ""}>
                {e.details ? JSON.stringify(e.details) : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="flex items-center gap-2 text-sm">
        <button type="button" className={buttonClass.secondary} disabled={page <= 1} onClick={() => setPage((p) => p - 1)} data-testid="admin-audit-prev">‹</button>
        <span>{t("admin.page", { page, pages })}</span>
        <button type="button" className={buttonClass.secondary} disabled={page >= pages} onClick={() => setPage((p) => p + 1)} data-testid="admin-audit-next">›</button>
      </div>
    </section>
  );
}
