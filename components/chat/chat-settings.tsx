"use client";
import { useEffect, useState } from "react";
import type { ChatSettings, PublicModel } from "@/lib/chat/types";
import { useI18n } from "@/lib/i18n/client";
import { DEFAULT_CHAT_EXTRA, type ChatExtraSettings } from "@/lib/settings/schema";
import { buttonClass, Dialog } from "@/components/ui/dialog";
import { Field, fieldClass } from "@/components/ui/field";
import { GearIcon } from "@/components/ui/icons";
import { ModelFields, thinkingOn } from "./model-fields";

type Props = {
  chatId: string;
  /** The chat is stored (it has had a first message), so its extra settings can be saved. */
  exists: boolean;
  models: PublicModel[];
  settings: ChatSettings;
  onChange: (next: ChatSettings) => void;
  disabled?: boolean;
  /** Before the first message: extras kept here and sent with it (the chat is created with them). */
  onPendingExtra?: (extra: ChatExtraSettings) => void;
  /** Before the first message: extras already chosen (a preset). */
  initialExtra?: ChatExtraSettings;
};

/** Per-chat settings: model, thinking and effort (sent with each message) and stored extras. */
export function ChatSettingsButton({ chatId, exists, models, settings, onChange, disabled, onPendingExtra, initialExtra }: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [extra, setExtra] = useState<ChatExtraSettings>(initialExtra ?? DEFAULT_CHAT_EXTRA);
  const [saved, setSaved] = useState(false);
  const model = models.find((m) => m.id === settings.model) ?? models[0];
  const thinking = thinkingOn(model, settings.thinking);

  useEffect(() => {
    if (!open || !exists) return;
    void fetch(`/api/chats/${chatId}`)
      .then((r) => (r.ok ? r.json() : null))
      .then((body: { chat?: { settings?: Partial<ChatExtraSettings> | null } } | null) => setExtra({ ...DEFAULT_CHAT_EXTRA, ...(body?.chat?.settings ?? {}) }));
  }, [open, exists, chatId]);

  const save = async () => {
    if (exists) {
      const res = await fetch(`/api/chats/${chatId}`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ settings: extra }),
      });
      setSaved(res.ok);
    } else {
      onPendingExtra?.(extra);
      setSaved(true);
    }
    setOpen(false);
  };

  return (
    <>
      <button type="button" onClick={() => setOpen(true)} aria-label={t("settings.open")} title={t("settings.open")} data-testid="chat-settings-button" className={buttonClass.ghost}>
        <GearIcon />
      </button>
      {saved && <span className="sr-only" role="status">{t("settings.saved")}</span>}
      <Dialog open={open} onClose={() => setOpen(false)} title={t("settings.chat")} testId="chat-settings">
        <h2 className="text-base font-semibold">{t("settings.chat")}</h2>
        <div className="mt-4 space-y-4 text-sm">
          <ModelFields
            idPrefix="cs"
            models={models}
            value={settings}
            disabled={disabled}
            onChange={(patch) => onChange({ ...settings, ...patch })}
            testIds={{ thinking: "cs-thinking", effort: "cs-effort" }}
          />
          <fieldset className="space-y-4">
            <Field label={t("settings.systemPrompt")} id="cs-system" hint={t("settings.systemPromptHint")}>
              <textarea id="cs-system" rows={3} maxLength={8000} className={fieldClass} value={extra.systemPrompt} onChange={(e) => setExtra({ ...extra, systemPrompt: e.target.value })} data-testid="cs-system" />
            </Field>
            <Field label={t("settings.temperature")} id="cs-temp" hint={thinking ? t("settings.temperatureIgnored") : undefined}>
              <div className="flex items-center gap-3">
                <input id="cs-temp" type="range" min={0} max={2} step={0.1} disabled={thinking} aria-describedby={thinking ? "cs-temp-hint" : undefined} value={extra.temperature ?? 1} onChange={(e) => setExtra({ ...extra, temperature: Number(e.target.value) })} className="flex-1 accent-brand-600" data-testid="cs-temperature" />
                <span className="w-16 text-right tabular-nums text-gray-500">{extra.temperature === null ? t("settings.default") : extra.temperature.toFixed(1)}</span>
              </div>
            </Field>
            <Field label={t("settings.maxTokens")} id="cs-max" hint={t("settings.maxTokensHint")}>
              <input id="cs-max" type="number" min={1} max={384000} inputMode="numeric" className={fieldClass} value={extra.maxOutputTokens ?? ""} onChange={(e) => setExtra({ ...extra, maxOutputTokens: e.target.value ? Math.max(1, Math.min(384000, Math.round(Number(e.target.value)))) : null })} data-testid="cs-max-tokens" />
            </Field>
          </fieldset>
        </div>
        <div className="mt-5 flex justify-end gap-2">
          <button type="button" className={buttonClass.secondary} onClick={() => setOpen(false)}>
            {t("settings.close")}
          </button>
          <button type="button" className={buttonClass.primary} onClick={() => void save()} data-testid="cs-save">
            {t("settings.save")}
          </button>
        </div>
      </Dialog>
    </>
  );
}

