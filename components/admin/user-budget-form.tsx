"use client";
import { useEffect, useId, useState } from "react";
import { useI18n } from "@/lib/i18n/client";
import type { MessageKey } from "@/lib/i18n";

// Self-contained: give it a user id and it loads, shows and saves that user's budget override
// through /api/admin/budgets/<userId>. Used on the admin usage page; meant for the users console too.

type Limits = { dailyTokens: number | null; monthlyTokens: number | null; dailyUsd: number | null; monthlyUsd: number | null };
type Spent = { tokens: number; costUsd: number };
type BudgetInfo = {
  budget: Limits | null;
  user: { id: string; email: string; role: string };
  roleDefault: Limits;
  effective: Limits;
  spent: { daily: Spent; monthly: Spent };
};

const FIELDS: ReadonlyArray<{ key: keyof Limits; label: MessageKey; period: "daily" | "monthly"; unit: "tokens" | "usd" }> = [
  { key: "dailyTokens", label: "usage2.form.dailyTokens", period: "daily", unit: "tokens" },
  { key: "monthlyTokens", label: "usage2.form.monthlyTokens", period: "monthly", unit: "tokens" },
  { key: "dailyUsd", label: "usage2.form.dailyUsd", period: "daily", unit: "usd" },
  { key: "monthlyUsd", label: "usage2.form.monthlyUsd", period: "monthly", unit: "usd" },
];

const toInput = (v: number | null | undefined) => (v === null || v === undefined ? "" : String(v));
const fromInput = (v: string) => (v.trim() === "" ? null : Number(v));
const usd = (n: number) => `$${n < 1 ? n.toFixed(4) : n.toFixed(2)}`;

export function UserBudgetForm({ userId, onClose, onSaved }: { userId: string; onClose?: () => void; onSaved?: (budget: Limits | null) => void }) {
  const { t, locale } = useI18n();
  const nf = new Intl.NumberFormat(locale === "zh" ? "zh-CN" : "en");
  const formId = useId();
  const [info, setInfo] = useState<BudgetInfo | null>(null);
  const [values, setValues] = useState<Record<keyof Limits, string>>({ dailyTokens: "", monthlyTokens: "", dailyUsd: "", monthlyUsd: "" });
  const [state, setState] = useState<"loading" | "ready" | "saving" | "saved" | "error">("loading");

  async function load() {
    const res = await fetch(`/api/admin/budgets/${encodeURIComponent(userId)}`, { cache: "no-store" });
    if (!res.ok) return setState("error");
    const next = (await res.json()) as BudgetInfo;
    setInfo(next);
    setValues({
      dailyTokens: toInput(next.budget?.dailyTokens),
      monthlyTokens: toInput(next.budget?.monthlyTokens),
      dailyUsd: toInput(next.budget?.dailyUsd),
      monthlyUsd: toInput(next.budget?.monthlyUsd),
    });
    setState("ready");
  }
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reload only for another user
  }, [userId]);

  async function save(body: Limits) {
    setState("saving");
    const res = await fetch(`/api/admin/budgets/${encodeURIComponent(userId)}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!res.ok) return setState("error");
    const { budget } = (await res.json()) as { budget: Limits | null };
    onSaved?.(budget);
    await load();
    setState("saved");
  }

  const invalid = FIELDS.some(({ key }) => {
    const v = fromInput(values[key]);
    return v !== null && (!Number.isFinite(v) || v < 0);
  });
  const fmtLimit = (unit: "tokens" | "usd", v: number | null) => (v === null ? t("usage2.form.unlimited") : unit === "usd" ? usd(v) : nf.format(v));

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (invalid) return;
        void save({
          dailyTokens: fromInput(values.dailyTokens),
          monthlyTokens: fromInput(values.monthlyTokens),
          dailyUsd: fromInput(values.dailyUsd),
          monthlyUsd: fromInput(values.monthlyUsd),
        });
      }}
      aria-labelledby={`${formId}-title`}
      data-testid="user-budget-form"
      className="space-y-3 rounded-lg border border-gray-200 p-4 text-sm dark:border-gray-800"
    >
      <div className="flex items-baseline justify-between gap-2">
        <h3 id={`${formId}-title`} className="font-medium">
          {t("usage2.form.title", { email: info?.user.email ?? "…" })}
        </h3>
        {onClose && (
          <button type="button" onClick={onClose} className="text-gray-500 hover:underline" data-testid="user-budget-close">
            {t("usage2.form.close")}
          </button>
        )}
      </div>
      {state === "loading" && <p className="text-gray-500">{t("usage2.form.loading")}</p>}
      {info && (
        <>
          <p className="text-xs text-gray-500" data-testid="user-budget-source">
            {info.budget ? t("usage2.form.hasOverride") : t("usage2.form.usesRole", { role: info.user.role })}
          </p>
          <table className="w-full text-left">
            <thead className="text-xs text-gray-500">
              <tr>
                <th className="py-1">{t("usage2.form.limit")}</th>
                <th>{t("usage2.form.override")}</th>
                <th>{t("usage2.form.roleDefault")}</th>
                <th>{t("usage2.form.effective")}</th>
                <th>{t("usage2.form.spent")}</th>
              </tr>
            </thead>
            <tbody>
              {FIELDS.map(({ key, label, period, unit }) => {
                const spent = unit === "usd" ? usd(info.spent[period].costUsd) : nf.format(info.spent[period].tokens);
                const overridden = info.budget?.[key] !== null && info.budget?.[key] !== undefined;
                return (
                  <tr key={key} className="border-t border-gray-100 dark:border-gray-800">
                    <td className="py-1">
                      <label htmlFor={`${formId}-${key}`}>{t(label)}</label>
                    </td>
                    <td>
                      <input
                        id={`${formId}-${key}`}
                        type="number"
                        min={0}
                        step={unit === "usd" ? "any" : 1}
                        inputMode="decimal"
                        value={values[key]}
                        placeholder={t("usage2.form.placeholder")}
                        onChange={(e) => setValues((v) => ({ ...v, [key]: e.target.value }))}
                        data-testid={`user-budget-${key}`}
                        className="w-32 rounded border border-gray-300 px-2 py-1 dark:border-gray-700 dark:bg-gray-900"
                      />
                    </td>
                    <td className="text-gray-500">{fmtLimit(unit, info.roleDefault[key])}</td>
                    <td data-testid={`user-budget-effective-${key}`} data-source={overridden ? "override" : "role"}>
                      {fmtLimit(unit, info.effective[key])}
                      {overridden && <span className="ml-1 text-xs text-brand-600">({t("usage2.form.overrideTag")})</span>}
                    </td>
                    <td data-testid={`user-budget-spent-${key}`}>{spent}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="text-xs text-gray-500">{t("usage2.form.help")}</p>
          <div className="flex flex-wrap items-center gap-3">
            <button type="submit" disabled={invalid || state === "saving"} data-testid="user-budget-save" className="rounded bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700 disabled:opacity-50">
              {t("usage2.form.save")}
            </button>
            <button
              type="button"
              disabled={!info.budget || state === "saving"}
              onClick={() => void save({ dailyTokens: null, monthlyTokens: null, dailyUsd: null, monthlyUsd: null })}
              data-testid="user-budget-reset"
              className="rounded border px-3 py-1.5 disabled:opacity-50"
            >
              {t("usage2.form.reset")}
            </button>
            {state === "saved" && (
              <span role="status" className="text-green-700">
                {t("usage2.form.saved")}
              </span>
            )}
          </div>
        </>
      )}
      {state === "error" && (
        <p role="alert" className="text-red-600">
          {t("usage2.form.error")}
        </p>
      )}
    </form>
  );
}
