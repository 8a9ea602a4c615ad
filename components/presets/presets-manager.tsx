"use client";
import { useState } from "react";
import { buttonClass } from "@/components/ui/dialog";
import type { PublicModel } from "@/lib/chat/types";
import { useI18n } from "@/lib/i18n/client";
import type { PresetView } from "@/lib/presets/service";
import { PresetForm, type PresetDraft } from "./preset-form";

const emptyDraft = (model: string): PresetDraft => ({
  name: "",
  settings: { model, thinking: true, reasoningEffort: null, systemPrompt: "", temperature: null, maxOutputTokens: null },
});

/** /settings/presets: your presets and the team's, with create, edit, publish and delete where allowed. */
export function PresetsManager({ initialPresets, models }: { initialPresets: PresetView[]; models: PublicModel[] }) {
  const { t } = useI18n();
  const [presets, setPresets] = useState(initialPresets);
  const [editing, setEditing] = useState<string | "new" | null>(null);

  const replace = (next: PresetView) => setPresets((list) => (list.some((p) => p.id === next.id) ? list.map((p) => (p.id === next.id ? next : p)) : [next, ...list]));
  const send = async (method: string, path: string, body?: unknown): Promise<PresetView | null> => {
    const res = await fetch(path, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    return res.ok && res.status !== 204 ? ((await res.json()) as PresetView) : null;
  };
  const save = async (draft: PresetDraft, id?: string) => {
    const saved = id ? await send("PATCH", `/api/presets/${id}`, draft) : await send("POST", "/api/presets", draft);
    if (saved) {
      replace(saved);
      setEditing(null);
    }
    return saved !== null;
  };
  const remove = async (p: PresetView) => {
    if (!window.confirm(t("presets.deleteConfirm", { name: p.name }))) return;
    const res = await fetch(`/api/presets/${p.id}`, { method: "DELETE" });
    if (res.ok) setPresets((list) => list.filter((x) => x.id !== p.id));
  };
  const togglePublish = async (p: PresetView) => {
    const next = await send("PUT", `/api/presets/${p.id}/publish`, { published: !p.published });
    if (next) replace(next);
  };

  return (
    <div className="mx-auto h-full max-w-3xl space-y-4 overflow-y-auto p-6" data-testid="presets-page">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <div>
          <h1 className="text-xl font-semibold">{t("presets.title")}</h1>
          <p className="text-sm text-gray-500">{t("presets.intro")}</p>
        </div>
        {editing !== "new" && (
          <button type="button" className={buttonClass.primary} onClick={() => setEditing("new")} data-testid="preset-new">
            {t("presets.new")}
          </button>
        )}
      </header>
      {editing === "new" && <PresetForm initial={emptyDraft(models[0]?.id ?? "deepseek-flash")} models={models} onSave={(d) => save(d)} onCancel={() => setEditing(null)} />}
      {presets.length === 0 && editing !== "new" && <p className="text-sm text-gray-500">{t("presets.none")}</p>}
      <ul className="space-y-3" data-testid="preset-list">
        {presets.map((p) =>
          editing === p.id ? (
            <li key={p.id}>
              <PresetForm initial={{ name: p.name, settings: p.settings }} models={models} onSave={(d) => save(d, p.id)} onCancel={() => setEditing(null)} />
            </li>
          ) : (
            <li key={p.id} className="rounded-lg border border-gray-200 p-4 text-sm dark:border-gray-800" data-testid="preset-item" data-preset-id={p.id}>
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <div className="min-w-0">
                  <span className="font-medium" data-testid="preset-item-name">{p.name}</span>{" "}
                  <span className={`ml-1 rounded px-1.5 py-0.5 text-xs ${p.published ? "bg-brand-50 text-brand-700 dark:bg-gray-800 dark:text-brand-300" : "bg-gray-100 text-gray-600 dark:bg-gray-800 dark:text-gray-400"}`} data-testid="preset-badge">
                    {p.published ? t("presets.published") : t("presets.private")}
                  </span>
                  {!p.mine && p.ownerName && <span className="ml-2 text-xs text-gray-500">{t("presets.by", { name: p.ownerName })}</span>}
                </div>
                <div className="flex flex-wrap gap-2">
                  <a href={`/?preset=${encodeURIComponent(p.id)}`} className={buttonClass.primary} data-testid="preset-start">
                    {t("presets.start")}
                  </a>
                  {p.canEdit && (
                    <button type="button" className={buttonClass.secondary} onClick={() => setEditing(p.id)} data-testid="preset-edit">
                      {t("presets.edit")}
                    </button>
                  )}
                  {p.canPublish && (
                    <button type="button" className={buttonClass.secondary} onClick={() => void togglePublish(p)} data-testid="preset-publish">
                      {p.published ? t("presets.unpublish") : t("presets.publish")}
                    </button>
                  )}
                  {p.canPublish && (
                    <button type="button" className={buttonClass.secondary} onClick={() => void remove(p)} data-testid="preset-delete">
                      {t("presets.delete")}
                    </button>
                  )}
                </div>
              </div>
              <p className="mt-1 text-xs text-gray-500">
                {models.find((m) => m.id === p.settings.model)?.label ?? p.settings.model}
                {p.settings.systemPrompt ? ` · ${p.settings.systemPrompt.slice(0, 120)}` : ""}
              </p>
            </li>
          ),
        )}
      </ul>
    </div>
  );
}
