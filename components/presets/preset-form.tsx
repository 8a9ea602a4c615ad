"use client";
import { useState } from "react";
import { ModelFields, thinkingOn } from "@/components/chat/model-fields";
import { Field, fieldClass } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/dialog";
import type { PublicModel } from "@/lib/chat/types";
import { useI18n } from "@/lib/i18n/client";
import type { PresetSettings } from "@/lib/presets/rules";

export type PresetDraft = { name: string; settings: PresetSettings };

/** Name plus the same settings as a chat's settings dialog. */
export function PresetForm({
  initial,
  models,
  onSave,
  onCancel,
}: {
  initial: PresetDraft;
  models: PublicModel[];
  onSave: (draft: PresetDraft) => Promise<boolean>;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const s = draft.settings;
  const set = (patch: Partial<PresetSettings>) => setDraft({ ...draft, settings: { ...s, ...patch } });
  const model = models.find((m) => m.id === s.model) ?? models[0];
  const thinking = thinkingOn(model, s.thinking);

  return (
    <form
      className="space-y-4 rounded-lg border border-gray-200 p-4 text-sm dark:border-gray-800"
      data-testid="preset-form"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        const ok = await onSave({ ...draft, settings: { ...s, model: model?.id ?? s.model } });
        setFailed(!ok);
        setBusy(false);
      }}
    >
      <Field label={t("presets.name")} id="pf-name">
        <input id="pf-name" required maxLength={100} className={fieldClass} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} data-testid="preset-name" />
      </Field>
      <ModelFields
        idPrefix="pf"
        models={models}
        value={s}
        onChange={(patch) => set(patch)}
        testIds={{ model: "preset-model", thinking: "preset-thinking" }}
      />
      <Field label={t("settings.systemPrompt")} id="pf-system">
        <textarea id="pf-system" rows={4} maxLength={8000} className={fieldClass} value={s.systemPrompt} onChange={(e) => set({ systemPrompt: e.target.value })} data-testid="preset-system" />
      </Field>
      <Field label={t("settings.temperature")} id="pf-temp" hint={thinking ? t("settings.temperatureIgnored") : undefined}>
        <div className="flex items-center gap-3">
          <input id="pf-temp" type="range" min={0} max={2} step={0.1} disabled={thinking} value={s.temperature ?? 1} onChange={(e) => set({ temperature: Number(e.target.value) })} className="flex-1 accent-brand-600" />
          <span className="w-16 text-right tabular-nums text-gray-500">{s.temperature === null ? t("settings.default") : s.temperature.toFixed(1)}</span>
        </div>
      </Field>
      <Field label={t("settings.maxTokens")} id="pf-max">
        <input id="pf-max" type="number" min={1} max={384000} className={fieldClass} value={s.maxOutputTokens ?? ""} onChange={(e) => set({ maxOutputTokens: e.target.value ? Math.max(1, Math.min(384000, Math.round(Number(e.target.value)))) : null })} />
      </Field>
      {failed && (
        <p role="alert" className="text-red-600">
          {t("presets.failed")}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonClass.secondary} onClick={onCancel}>
          {t("presets.cancel")}
        </button>
        <button type="submit" className={buttonClass.primary} disabled={busy || !draft.name.trim()} data-testid="preset-save">
          {t("presets.save")}
        </button>
      </div>
    </form>
  );
}
