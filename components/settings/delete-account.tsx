"use client";
import { useState } from "react";
import { signOutAction } from "@/app/(auth)/actions";
import { useI18n } from "@/lib/i18n/client";
import { deleteAccountSchema } from "@/lib/portability/account-schema";
import { Section } from "./data-settings";

export function DeleteAccount({ email }: { email: string }) {
  const { t } = useI18n();
  const [typed, setTyped] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<"failed" | "lastAdmin" | null>(null);
  const [busy, setBusy] = useState(false);
  const ready = typed.trim().toLowerCase() === email && deleteAccountSchema.safeParse({ email: typed, password }).success;

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const res = await fetch("/api/account", {
      method: "DELETE",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: typed, password }),
    });
    if (res.status === 204) {
      await signOutAction();
      return;
    }
    const body = (await res.json().catch(() => ({}))) as { error?: { detail?: { reason?: string } } };
    setError(body.error?.detail?.reason === "last_admin" ? "lastAdmin" : "failed");
    setBusy(false);
  }

  const input = "mt-1 block w-full rounded-lg border border-gray-300 bg-transparent px-3 py-2 text-sm dark:border-gray-700";
  return (
    <Section title={t("port.delete.title")} testId="delete-account-section">
      <p className="text-sm text-gray-600 dark:text-gray-400">{t("port.delete.body")}</p>
      <form onSubmit={submit} className="space-y-3">
        <label className="block text-sm">
          {t("port.delete.email")}
          <input className={input} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" data-testid="delete-email" />
        </label>
        <label className="block text-sm">
          {t("port.delete.password")}
          <input className={input} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" data-testid="delete-password" />
        </label>
        {error && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300" data-testid="delete-error">
            {t(error === "lastAdmin" ? "port.delete.lastAdmin" : "port.delete.failed")}
          </p>
        )}
        <button
          type="submit"
          disabled={!ready || busy}
          data-testid="delete-account"
          className="rounded-lg bg-red-600 px-3 py-2 text-sm font-medium text-white hover:bg-red-700 disabled:opacity-50"
        >
          {t("port.delete.submit")}
        </button>
      </form>
    </Section>
  );
}
