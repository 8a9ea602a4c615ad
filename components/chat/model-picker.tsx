"use client";
import type { ChatSettings, PublicModel } from "@/lib/chat/types";
import { useI18n } from "@/lib/i18n/client";

type Props = {
  models: PublicModel[];
  settings: ChatSettings;
  onChange: (next: ChatSettings) => void;
  disabled?: boolean;
};

const selectClass =
  "rounded-lg border border-gray-300 bg-white px-2 py-1 text-sm dark:border-gray-700 dark:bg-gray-900";

export function ModelPicker({ models, settings, onChange, disabled }: Props) {
  const { t } = useI18n();
  const model = models.find((m) => m.id === settings.model) ?? models[0];
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label className="flex items-center gap-1 text-sm">
        <span className="sr-only">{t("chat.model")}</span>
        <select
          value={model?.id}
          disabled={disabled}
          onChange={(e) => onChange({ ...settings, model: e.target.value })}
          className={selectClass}
          data-testid="model-select"
        >
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </select>
      </label>
      {model?.thinking === "toggle" && (
        <button
          type="button"
          role="switch"
          aria-checked={settings.thinking}
          disabled={disabled}
          onClick={() => onChange({ ...settings, thinking: !settings.thinking })}
          data-testid="thinking-toggle"
          className={`rounded-full border px-3 py-1 text-sm ${
            settings.thinking
              ? "border-brand-500 bg-brand-50 text-brand-700 dark:bg-brand-700/30 dark:text-brand-100"
              : "border-gray-300 text-gray-500 dark:border-gray-700"
          }`}
        >
          {settings.thinking ? t("chat.thinking.on") : t("chat.thinking.off")}
        </button>
      )}
    </div>
  );
}
