"use client";
import { useState } from "react";
import { useI18n } from "@/lib/i18n/client";

export type PriceView = { model: string; currency: string; peak: boolean; cacheHit: number; cacheMiss: number; output: number; validFrom: string };

/** Current prices per model/currency/window; a new row applies from now on, history keeps its prices. */
export function AdminPrices({ initial, models }: { initial: PriceView[]; models: string[] }) {
  const { t } = useI18n();
  const [prices, setPrices] = useState(initial);
  const [form, setForm] = useState({ model: models[0] ?? "", currency: "USD", peak: "false", cacheHit: "", cacheMiss: "", output: "" });
  const [error, setError] = useState(false);

  async function add(e: React.FormEvent) {
    e.preventDefault();
    setError(false);
    const res = await fetch("/api/admin/prices", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: form.model, currency: form.currency, peak: form.peak === "true", cacheHit: Number(form.cacheHit), cacheMiss: Number(form.cacheMiss), output: Number(form.output) }),
    });
    if (!res.ok) return setError(true);
    setPrices(((await res.json()) as { prices: PriceView[] }).prices);
  }

  const input = (key: "cacheHit" | "cacheMiss" | "output", label: string) => (
    <label className="text-xs">
      {label}
      <input required type="number" min={0} step="any" value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} className="mt-1 block w-24 rounded border border-gray-300 px-1 py-0.5 dark:border-gray-700 dark:bg-gray-900" />
    </label>
  );

  return (
    <section className="space-y-3 rounded-lg border border-gray-200 p-4 text-sm dark:border-gray-800" data-testid="admin-prices">
      <h2 className="font-medium">{t("admin.prices.title")}</h2>
      <p className="text-xs text-gray-500">{t("admin.prices.note")}</p>
      <table className="w-full text-left">
        <thead className="text-xs text-gray-500">
          <tr>
            <th>{t("usage.model")}</th>
            <th>{t("admin.prices.window")}</th>
            <th>{t("usage.legend.hit")}</th>
            <th>{t("usage.legend.miss")}</th>
            <th>{t("usage.legend.output")}</th>
            <th>{t("admin.prices.since")}</th>
          </tr>
        </thead>
        <tbody>
          {prices.map((p) => (
            <tr key={`${p.model}-${p.currency}-${p.peak}`} className="border-t border-gray-100 dark:border-gray-800">
              <td>{p.model}</td>
              <td>{`${p.currency} · ${p.peak ? t("admin.prices.peak") : t("admin.prices.offPeak")}`}</td>
              <td>{p.cacheHit}</td>
              <td>{p.cacheMiss}</td>
              <td>{p.output}</td>
              <td>{p.validFrom.startsWith("1970") ? t("admin.prices.default") : p.validFrom.slice(0, 16).replace("T", " ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={add} className="flex flex-wrap items-end gap-2">
        <select value={form.model} onChange={(e) => setForm({ ...form, model: e.target.value })} aria-label={t("usage.model")} className="rounded border border-gray-300 px-1 py-0.5 dark:bg-gray-900">
          {models.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
        <select value={form.currency} onChange={(e) => setForm({ ...form, currency: e.target.value })} aria-label="currency" className="rounded border border-gray-300 px-1 py-0.5 dark:bg-gray-900">
          <option>USD</option>
          <option>CNY</option>
        </select>
        <select value={form.peak} onChange={(e) => setForm({ ...form, peak: e.target.value })} aria-label={t("admin.prices.window")} className="rounded border border-gray-300 px-1 py-0.5 dark:bg-gray-900">
          <option value="false">{t("admin.prices.offPeak")}</option>
          <option value="true">{t("admin.prices.peak")}</option>
        </select>
        {input("cacheHit", t("usage.legend.hit"))}
        {input("cacheMiss", t("usage.legend.miss"))}
        {input("output", t("usage.legend.output"))}
        <button type="submit" className="rounded bg-brand-600 px-3 py-1 text-white hover:bg-brand-700">
          {t("admin.prices.add")}
        </button>
        {error && <span role="alert" className="text-red-600">{t("error.unknown")}</span>}
      </form>
    </section>
  );
}
