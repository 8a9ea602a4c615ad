"use client";
import { REASONING_EFFORTS } from "@/lib/ai/models";
import type { PublicModel } from "@/lib/chat/types";
import type { MessageKey } from "@/lib/i18n";
import { useI18n } from "@/lib/i18n/client";
import { Field, fieldClass } from "@/components/ui/field";

export type ModelChoice = { model: string; thinking: boolean; reasoningEffort: string | null };

/** Whether answers think with this choice: always-thinking models, or the toggle when it exists. */
export function thinkingOn(model: PublicModel | undefined, toggle: boolean): boolean {
  return model?.thinking === "always" || (model?.thinking === "toggle" && toggle);
}

/**
 * Model, thinking on/off (only for models that can switch) and reasoning effort (only while
 * thinking, for models that take it): the same three controls in the chat's settings, the
 * personal defaults and a preset.
 */
export function ModelFields({
  idPrefix,
  models,
  value,
  onChange,
  disabled,
  thinkingLabel = "settings.thinking",
  modelLabel = "settings.model",
  testIds = {},
}: {
  idPrefix: string;
  models: PublicModel[];
  value: ModelChoice;
  onChange: (patch: Partial<ModelChoice>) => void;
  disabled?: boolean;
  thinkingLabel?: MessageKey;
  modelLabel?: MessageKey;
  testIds?: { model?: string; thinking?: string; effort?: string };
}) {
  const { t } = useI18n();
  const model = models.find((m) => m.id === value.model) ?? models[0];
  const thinking = thinkingOn(model, value.thinking);
  return (
    <>
      <Field label={t(modelLabel)} id={`${idPrefix}-model`}>
        <select id={`${idPrefix}-model`} className={fieldClass} value={model?.id} disabled={disabled} onChange={(e) => onChange({ model: e.target.value })} data-testid={testIds.model}>
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </select>
      </Field>
      {model?.thinking === "toggle" && (
        <label className="flex items-center justify-between gap-3">
          <span className="font-medium">{t(thinkingLabel)}</span>
          <input
            type="checkbox"
            role="switch"
            className="size-4 accent-brand-600"
            checked={value.thinking}
            disabled={disabled}
            onChange={(e) => onChange({ thinking: e.target.checked })}
            data-testid={testIds.thinking}
          />
        </label>
      )}
      {thinking && model?.supportsEffort && (
        <Field label={t("settings.effort")} id={`${idPrefix}-effort`}>
          <select
            id={`${idPrefix}-effort`}
            className={fieldClass}
            value={value.reasoningEffort ?? ""}
            disabled={disabled}
            onChange={(e) => onChange({ reasoningEffort: e.target.value || null })}
            data-testid={testIds.effort}
          >
            <option value="">{t("settings.effort.default")}</option>
            {REASONING_EFFORTS.map((e) => (
              <option key={e} value={e}>
                {t(`settings.effort.${e}` as MessageKey)}
              </option>
            ))}
          </select>
        </Field>
      )}
    </>
  );
}
