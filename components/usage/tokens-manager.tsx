"use client";
import { useState } from "react";
import { useI18n } from "@/lib/i18n/client";

export type TokenView = { id: string; name: string; prefix: string; expiresAt: string | null; revokedAt: string | null; lastUsedAt: string | null; createdAt: string };

export function TokensManager({ initialTokens, enabled, baseUrl }: { initialTokens: TokenView[]; enabled: boolean; baseUrl: string }) {
  const { t } = useI18n();
  const [tokens, setTokens] = useState(initialTokens);
  const [name, setName] = useState("");
  const [days, setDays] = useState("");
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function create(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    const res = await fetch("/api/tokens", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name, expiresInDays: days ? Number(days) : null }),
    });
    if (!res.ok) return setError(t("error.unknown"));
    const { token, ...summary } = (await res.json()) as TokenView & { token: string };
    setSecret(token);
    setName("");
    setDays("");
    setTokens((list) => [summary, ...list]);
  }

  async function revoke(id: string) {
    const res = await fetch(`/api/tokens/${id}`, { method: "DELETE" });
    if (res.ok) setTokens((list) => list.map((tk) => (tk.id === id ? { ...tk, revokedAt: new Date().toISOString() } : tk)));
  }

  const state = (tk: TokenView) =>
    tk.revokedAt ? t("tokens.revoked") : tk.expiresAt && new Date(tk.expiresAt) <= new Date() ? t("tokens.expired") : null;

  return (
    <div className="mx-auto h-full max-w-3xl space-y-6 overflow-y-auto p-6">
      <h1 className="text-xl font-semibold">{t("tokens.title")}</h1>
      <p className="text-sm text-gray-600 dark:text-gray-300">{t("tokens.intro", { baseUrl })}</p>
      {!enabled && (
        <p role="status" className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-800">
          {t("tokens.disabled")}
        </p>
      )}
      {enabled && (
        <form onSubmit={create} className="flex flex-wrap items-end gap-3" data-testid="token-form">
          <label className="text-sm">
            {t("tokens.name")}
            <input required maxLength={64} value={name} onChange={(e) => setName(e.target.value)} data-testid="token-name" className="mt-1 block rounded border border-gray-300 px-2 py-1 dark:border-gray-700 dark:bg-gray-900" />
          </label>
          <label className="text-sm">
            {t("tokens.expiresIn")}
            <input type="number" min={1} max={3650} value={days} onChange={(e) => setDays(e.target.value)} className="mt-1 block w-32 rounded border border-gray-300 px-2 py-1 dark:border-gray-700 dark:bg-gray-900" />
          </label>
          <button type="submit" data-testid="token-create" className="rounded bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
            {t("tokens.create")}
          </button>
        </form>
      )}
      {error && <p role="alert" className="text-sm text-red-600">{error}</p>}
      {secret && (
        <div role="status" className="space-y-2 rounded-lg border border-green-300 bg-green-50 p-3 text-sm dark:bg-green-950">
          <p>{t("tokens.created")}</p>
          <div className="flex gap-2">
            <code data-testid="token-secret" className="flex-1 break-all rounded bg-white px-2 py-1 dark:bg-gray-900">
              {secret}
            </code>
            <button type="button" onClick={() => navigator.clipboard?.writeText(secret)} className="rounded border px-2">
              {t("tokens.copy")}
            </button>
          </div>
        </div>
      )}
      <table className="w-full text-left text-sm" data-testid="token-list">
        <thead className="text-xs text-gray-500">
          <tr>
            <th className="py-1">{t("tokens.name")}</th>
            <th>{t("tokens.createdAt")}</th>
            <th>{t("tokens.expires")}</th>
            <th>{t("tokens.lastUsed")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {tokens.length === 0 && (
            <tr>
              <td colSpan={5} className="py-2 text-gray-500">
                {t("tokens.none")}
              </td>
            </tr>
          )}
          {tokens.map((tk) => (
            <tr key={tk.id} className="border-t border-gray-100 dark:border-gray-800" data-testid="token-row">
              <td className="py-1">
                {tk.name} <code className="text-xs text-gray-500">{tk.prefix}…</code>
              </td>
              <td>{tk.createdAt.slice(0, 10)}</td>
              <td>{tk.expiresAt ? tk.expiresAt.slice(0, 10) : t("tokens.never")}</td>
              <td>{tk.lastUsedAt ? tk.lastUsedAt.slice(0, 16).replace("T", " ") : "—"}</td>
              <td className="text-right">
                {state(tk) ?? (
                  <button type="button" onClick={() => revoke(tk.id)} data-testid="token-revoke" className="text-red-600 hover:underline">
                    {t("tokens.revoke")}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
