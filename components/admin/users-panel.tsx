"use client";
import { useCallback, useEffect, useState } from "react";
import { buttonClass, Dialog } from "@/components/ui/dialog";
import { errorMessageKey } from "@/lib/i18n";
import { useI18n } from "@/lib/i18n/client";
import { adminFetch, cell, input } from "./admin-fetch";
import { UserBudgetForm } from "./user-budget-form";

type UserRow = {
  id: string;
  email: string;
  name: string | null;
  role: string;
  status: string;
  lastActiveAt: string | null;
  chats: number;
  usage: { requests: number; tokens: number; costUsd: number };
};
type ListResponse = { users: UserRow[]; total: number; page: number; pageSize: number; usageDays: number };

export function UsersPanel({ meId }: { meId: string }) {
  const { t, locale } = useI18n();
  const [q, setQ] = useState("");
  const [page, setPage] = useState(1);
  const [list, setList] = useState<ListResponse | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [deleting, setDeleting] = useState<UserRow | null>(null);
  const [budgetFor, setBudgetFor] = useState<UserRow | null>(null);
  const [resetLink, setResetLink] = useState<{ email: string; url: string; emailed: boolean } | null>(null);

  const load = useCallback(async () => {
    const { data } = await adminFetch<ListResponse>(`/api/admin/users?page=${page}&q=${encodeURIComponent(q)}`);
    if (data) setList(data);
  }, [page, q]);
  useEffect(() => {
    const timer = setTimeout(load, 200);
    return () => clearTimeout(timer);
  }, [load]);

  const explain = (code?: string, reason?: string) =>
    reason && `admin.reason.${reason}` in reasonKeys ? t(reasonKeys[`admin.reason.${reason}` as keyof typeof reasonKeys]) : t(errorMessageKey(code, true));

  async function patch(user: UserRow, body: object) {
    setMessage(null);
    const res = await adminFetch(`/api/admin/users/${user.id}`, { method: "PATCH", body });
    if (res.error) setMessage({ ok: false, text: explain(res.error, res.reason) });
    else setMessage({ ok: true, text: t("admin.users.saved", { email: user.email }) });
    await load();
  }

  async function issueReset(user: UserRow) {
    const res = await adminFetch<{ url: string; emailed: boolean }>(`/api/admin/users/${user.id}/password-reset`, { method: "POST" });
    if (res.data) setResetLink({ email: user.email, ...res.data });
    else setMessage({ ok: false, text: explain(res.error, res.reason) });
  }

  const fmtDate = (iso: string | null) => (iso ? new Date(iso).toLocaleString(locale === "zh" ? "zh-CN" : "en") : "—");
  const pages = list ? Math.max(1, Math.ceil(list.total / list.pageSize)) : 1;

  return (
    <section aria-label={t("admin.tab.users")} className="space-y-3">
      <input
        type="search"
        value={q}
        onChange={(e) => (setQ(e.target.value), setPage(1))}
        placeholder={t("admin.users.search")}
        aria-label={t("admin.users.search")}
        data-testid="admin-user-search"
        className={`${input} w-full max-w-sm`}
      />
      {message && (
        <p role={message.ok ? "status" : "alert"} data-testid="admin-users-message" className={`text-sm ${message.ok ? "text-green-700 dark:text-green-400" : "text-red-700 dark:text-red-300"}`}>
          {message.text}
        </p>
      )}
      <div className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="admin-users">
          <thead className="text-xs uppercase text-gray-500">
            <tr>
              <th className={cell}>{t("admin.users.user")}</th>
              <th className={cell}>{t("admin.users.role")}</th>
              <th className={cell}>{t("admin.users.status")}</th>
              <th className={cell}>{t("admin.users.lastActive")}</th>
              <th className={cell}>{t("admin.users.usage", { days: list?.usageDays ?? 30 })}</th>
              <th className={cell}>{t("admin.users.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {list?.users.map((u) => (
              <tr key={u.id} data-testid="admin-user-row" data-email={u.email} className="border-t border-gray-200 dark:border-gray-800">
                <td className={cell}>
                  <div className="font-medium">{u.email}</div>
                  {u.name && <div className="text-xs text-gray-500">{u.name}</div>}
                </td>
                <td className={cell} data-testid="admin-user-role">{t(u.role === "admin" ? "role.admin" : "admin.role.member")}</td>
                <td className={cell} data-testid="admin-user-status">{t(`admin.status.${u.status as "active" | "disabled" | "pending"}`)}</td>
                <td className={`${cell} min-w-28`}>{fmtDate(u.lastActiveAt)}</td>
                <td className={`${cell} min-w-44`}>
                  {t("admin.users.usageLine", { requests: u.usage.requests, tokens: u.usage.tokens.toLocaleString(), cost: u.usage.costUsd.toFixed(4) })}
                </td>
                <td className={`${cell} min-w-56`}>
                  {/* Actions wrap inside the cell instead of running off the table's right edge. */}
                  <div className="flex flex-wrap gap-1">
                  {u.role === "admin" ? (
                    <button type="button" className={buttonClass.secondary} onClick={() => patch(u, { role: "member" })} data-testid="admin-demote">{t("admin.users.demote")}</button>
                  ) : (
                    <button type="button" className={buttonClass.secondary} onClick={() => patch(u, { role: "admin" })} data-testid="admin-promote">{t("admin.users.promote")}</button>
                  )}
                  {u.status === "pending" && (
                    <button type="button" className={buttonClass.primary} onClick={() => patch(u, { status: "active" })} data-testid="admin-approve">{t("admin.users.approve")}</button>
                  )}
                  {u.status === "disabled" && (
                    <button type="button" className={buttonClass.secondary} onClick={() => patch(u, { status: "active" })} data-testid="admin-enable">{t("admin.users.enable")}</button>
                  )}
                  {u.status !== "disabled" && u.id !== meId && (
                    <button type="button" className={buttonClass.secondary} onClick={() => patch(u, { status: "disabled" })} data-testid="admin-disable">{t("admin.users.disable")}</button>
                  )}
                  <button type="button" className={buttonClass.secondary} onClick={() => setBudgetFor(u)} data-testid="admin-user-budget">{t("admin.users.budget")}</button>
                  <button type="button" className={buttonClass.secondary} onClick={() => issueReset(u)} data-testid="admin-reset-link">{t("admin.users.resetLink")}</button>
                  {u.id !== meId && (
                    <button type="button" className={buttonClass.danger} onClick={() => setDeleting(u)} data-testid="admin-delete">{t("admin.users.delete")}</button>
                  )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list && list.total > list.pageSize && (
        <div className="flex items-center gap-2 text-sm">
          <button type="button" className={buttonClass.secondary} disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>‹</button>
          <span>{t("admin.page", { page, pages })}</span>
          <button type="button" className={buttonClass.secondary} disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>›</button>
        </div>
      )}
      <Dialog open={Boolean(budgetFor)} onClose={() => setBudgetFor(null)} title={budgetFor ? t("admin.users.budgetTitle", { email: budgetFor.email }) : ""} testId="admin-budget-dialog" className="min-w-[min(46rem,calc(100vw-2rem))]">
        {budgetFor && (
          <div className="overflow-x-auto">
            <UserBudgetForm userId={budgetFor.id} onClose={() => setBudgetFor(null)} />
          </div>
        )}
      </Dialog>
      <Dialog open={Boolean(resetLink)} onClose={() => setResetLink(null)} title={t("admin.users.resetLink")} testId="admin-reset-dialog">
        {resetLink && (
          <div className="space-y-3 text-sm">
            <p>{t("admin.reset.linkFor", { email: resetLink.email })}</p>
            <input readOnly value={resetLink.url} className={`${input} w-full font-mono`} data-testid="admin-reset-url" onFocus={(e) => e.currentTarget.select()} />
            {resetLink.emailed && <p className="text-green-700 dark:text-green-400">{t("admin.reset.emailed")}</p>}
            <div className="flex justify-end gap-2">
              <button type="button" className={buttonClass.secondary} onClick={() => navigator.clipboard?.writeText(resetLink.url)}>{t("admin.copy")}</button>
              <button type="button" className={buttonClass.primary} onClick={() => setResetLink(null)}>{t("admin.close")}</button>
            </div>
          </div>
        )}
      </Dialog>
      <DeleteUserDialog
        user={deleting}
        candidates={(list?.users ?? []).filter((u) => u.id !== deleting?.id)}
        onClose={() => setDeleting(null)}
        onDone={async (text, ok) => (setDeleting(null), setMessage({ ok, text }), await load())}
        explain={explain}
      />
    </section>
  );
}

const reasonKeys = {
  "admin.reason.last_admin": "admin.reason.last_admin",
  "admin.reason.self": "admin.reason.self",
  "admin.reason.confirmation_failed": "admin.reason.confirmation_failed",
  "admin.reason.concurrent_change": "admin.reason.concurrent_change",
} as const;

/** Two confirmations: choose what happens to the chats, then type the email. */
function DeleteUserDialog({
  user,
  candidates,
  onClose,
  onDone,
  explain,
}: {
  user: UserRow | null;
  candidates: UserRow[];
  onClose: () => void;
  onDone: (text: string, ok: boolean) => Promise<void>;
  explain: (code?: string, reason?: string) => string;
}) {
  const { t } = useI18n();
  const [step, setStep] = useState<1 | 2>(1);
  const [mode, setMode] = useState<"delete" | "transfer">("delete");
  const [transferTo, setTransferTo] = useState("");
  const [typed, setTyped] = useState("");
  useEffect(() => {
    setStep(1);
    setMode("delete");
    setTransferTo("");
    setTyped("");
  }, [user]);
  if (!user) return null;

  async function confirm() {
    if (!user) return;
    const body = mode === "transfer" ? { chats: "transfer", transferTo, confirmEmail: typed } : { chats: "delete", confirmEmail: typed };
    const res = await adminFetch(`/api/admin/users/${user.id}`, { method: "DELETE", body });
    await onDone(res.error ? explain(res.error, res.reason) : t("admin.users.deleted", { email: user.email }), !res.error);
  }

  return (
    <Dialog open onClose={onClose} title={t("admin.users.deleteTitle", { email: user.email })} testId="admin-delete-dialog">
      <h2 className="mb-3 font-semibold">{t("admin.users.deleteTitle", { email: user.email })}</h2>
      {step === 1 ? (
        <div className="space-y-3 text-sm">
          <p>{t("admin.users.deleteChats", { count: user.chats })}</p>
          <label className="flex items-center gap-2">
            <input type="radio" name="chats" checked={mode === "delete"} onChange={() => setMode("delete")} data-testid="admin-delete-mode-delete" />
            {t("admin.users.deleteChatsDelete")}
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="chats" checked={mode === "transfer"} onChange={() => setMode("transfer")} data-testid="admin-delete-mode-transfer" />
            {t("admin.users.deleteChatsTransfer")}
          </label>
          {mode === "transfer" && (
            <select value={transferTo} onChange={(e) => setTransferTo(e.target.value)} className={`${input} w-full`} data-testid="admin-transfer-to" aria-label={t("admin.users.transferTo")}>
              <option value="">{t("admin.users.transferTo")}</option>
              {candidates.map((c) => (
                <option key={c.id} value={c.id}>{c.email}</option>
              ))}
            </select>
          )}
          <div className="flex justify-end gap-2">
            <button type="button" className={buttonClass.secondary} onClick={onClose}>{t("admin.cancel")}</button>
            <button type="button" className={buttonClass.danger} disabled={mode === "transfer" && !transferTo} onClick={() => setStep(2)} data-testid="admin-delete-next">
              {t("admin.users.deleteContinue")}
            </button>
          </div>
        </div>
      ) : (
        <div className="space-y-3 text-sm">
          <p>{t("admin.users.deleteTypeEmail", { email: user.email })}</p>
          <input value={typed} onChange={(e) => setTyped(e.target.value)} className={`${input} w-full`} data-testid="admin-delete-confirm-email" aria-label={t("auth.email")} />
          <div className="flex justify-end gap-2">
            <button type="button" className={buttonClass.secondary} onClick={onClose}>{t("admin.cancel")}</button>
            <button type="button" className={buttonClass.danger} disabled={typed.trim().toLowerCase() !== user.email} onClick={confirm} data-testid="admin-delete-confirm">
              {t("admin.users.deleteFinal")}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
