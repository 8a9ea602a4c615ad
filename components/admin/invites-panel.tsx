"use client";
import { useCallback, useEffect, useState } from "react";
import { buttonClass } from "@/components/ui/dialog";
import { errorMessageKey } from "@/lib/i18n";
import { useI18n } from "@/lib/i18n/client";
import { adminFetch, cell, input } from "./admin-fetch";

// `url` is null for invitations created before links were kept (or sealed under an earlier AUTH_SECRET).
type Invite = { id: string; email: string | null; role: string; expiresAt: string; createdAt: string; url: string | null };

export function InvitesPanel() {
  const { t, locale } = useI18n();
  const [invites, setInvites] = useState<Invite[]>([]);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<"member" | "admin">("member");
  const [days, setDays] = useState(7);
  const [copied, setCopied] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const { data } = await adminFetch<{ invites: Invite[] }>("/api/admin/invites");
    if (data) setInvites(data.invites);
  }, []);
  useEffect(() => void load(), [load]);

  async function create(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    const res = await adminFetch<{ invite: Invite; url: string }>("/api/admin/invites", {
      method: "POST",
      body: { email: email.trim() || null, role, expiresInDays: days },
    });
    if (!res.data) return setError(t(errorMessageKey(res.error, true)));
    setEmail("");
    await load();
  }

  async function copy(inv: Invite) {
    if (!inv.url) return;
    await navigator.clipboard?.writeText(inv.url).catch(() => undefined);
    setCopied(inv.id);
    setTimeout(() => setCopied((c) => (c === inv.id ? null : c)), 2000);
  }

  async function revoke(id: string) {
    await adminFetch(`/api/admin/invites/${id}`, { method: "DELETE" });
    await load();
  }

  const fmt = (iso: string) => new Date(iso).toLocaleString(locale === "zh" ? "zh-CN" : "en");

  return (
    <section aria-label={t("admin.tab.invites")} className="space-y-4">
      <form onSubmit={create} className="flex flex-wrap items-end gap-2 text-sm" data-testid="admin-invite-form">
        <label className="flex flex-col gap-1">
          {t("admin.invites.email")}
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} className={input} placeholder={t("admin.invites.anyEmail")} data-testid="admin-invite-email" />
        </label>
        <label className="flex flex-col gap-1">
          {t("admin.users.role")}
          <select value={role} onChange={(e) => setRole(e.target.value as "member" | "admin")} className={input} data-testid="admin-invite-role">
            <option value="member">{t("admin.role.member")}</option>
            <option value="admin">{t("role.admin")}</option>
          </select>
        </label>
        <label className="flex flex-col gap-1">
          {t("admin.invites.days")}
          <input type="number" min={1} max={90} value={days} onChange={(e) => setDays(Number(e.target.value) || 7)} className={`${input} w-20`} />
        </label>
        <button type="submit" className={buttonClass.primary} data-testid="admin-invite-create">{t("admin.invites.create")}</button>
      </form>
      {error && <p role="alert" className="text-sm text-red-700 dark:text-red-300">{error}</p>}
      <p className="text-xs text-gray-500">{t("admin.invites.note")}</p>
      {invites.length === 0 ? (
        <p className="text-sm text-gray-500">{t("admin.invites.none")}</p>
      ) : (
        <table className="w-full text-sm" data-testid="admin-invites">
          <thead className="text-xs uppercase text-gray-500">
            <tr>
              <th className={cell}>{t("admin.invites.email")}</th>
              <th className={cell}>{t("admin.users.role")}</th>
              <th className={cell}>{t("admin.invites.expires")}</th>
              <th className={cell}>{t("admin.invites.link")}</th>
              <th className={cell} />
            </tr>
          </thead>
          <tbody>
            {invites.map((inv) => (
              <tr key={inv.id} className="border-t border-gray-200 dark:border-gray-800" data-testid="admin-invite-row" data-email={inv.email ?? ""}>
                <td className={cell}>{inv.email ?? t("admin.invites.anyEmail")}</td>
                <td className={cell}>{t(inv.role === "admin" ? "role.admin" : "admin.role.member")}</td>
                <td className={cell}>{fmt(inv.expiresAt)}</td>
                <td className={cell}>
                  {inv.url ? (
                    <div className="flex items-center gap-1">
                      <input readOnly value={inv.url} aria-label={t("admin.invites.link")} className={`${input} w-64 font-mono text-xs`} data-testid="admin-invite-url" onFocus={(e) => e.currentTarget.select()} />
                      <button type="button" className={buttonClass.secondary} onClick={() => void copy(inv)} data-testid="admin-invite-copy">
                        {copied === inv.id ? t("admin.invites.copied") : t("admin.copy")}
                      </button>
                    </div>
                  ) : (
                    <span className="text-xs text-gray-500" data-testid="admin-invite-copy-unavailable">{t("admin.invites.copyUnavailable")}</span>
                  )}
                </td>
                <td className={cell}>
                  <button type="button" className={buttonClass.secondary} onClick={() => revoke(inv.id)} data-testid="admin-invite-revoke">{t("admin.invites.revoke")}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
