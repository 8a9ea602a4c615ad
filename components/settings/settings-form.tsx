"use client";
import Link from "next/link";
import { useState } from "react";
import { REASONING_EFFORTS } from "@/lib/ai/models";
import type { PublicModel } from "@/lib/chat/types";
import type { MessageKey } from "@/lib/i18n";
import { useI18n } from "@/lib/i18n/client";
import { THEMES, type UserPrefs } from "@/lib/settings/schema";
import { writeThemeCookie } from "@/lib/settings/theme";
import { Field, fieldClass } from "@/components/chat/chat-settings";
import { LanguageSwitch } from "@/components/chat/language-switch";
import { buttonClass } from "@/components/ui/dialog";

export function SettingsForm({ initialPrefs, models }: { initialPrefs: UserPrefs; models: PublicModel[] }) {
  const { t } = useI18n();
  const [prefs, setPrefs] = useState(initialPrefs);
  const [status, setStatus] = useState<"idle" | "saved" | "error">("idle");

  const save = async (patch: Partial<UserPrefs>) => {
    const next = { ...prefs, ...patch };
    setPrefs(next);
    if (patch.theme) writeThemeCookie(patch.theme);
    const res = await fetch("/api/settings", { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify(patch) });
    setStatus(res.ok ? "saved" : "error");
  };
  const model = models.find((m) => m.id === prefs.defaultModel) ?? models[0];

  return (
    <main className="mx-auto max-w-2xl px-4 py-8">
      <div className="flex items-center justify-between gap-2">
        <h1 className="flex items-center gap-2 text-xl font-semibold">
          <img src="/logo.svg" alt="" width={28} height={28} />
          {t("settings.personal")}
        </h1>
        <Link href="/" className={buttonClass.secondary} data-testid="settings-back">
          {t("settings.back")}
        </Link>
      </div>
      <p role="status" className="mt-2 h-5 text-sm text-green-700 dark:text-green-400" data-testid="settings-status">
        {status === "saved" ? t("settings.saved") : status === "error" ? t("error.unknown") : ""}
      </p>
      <div className="mt-4 space-y-8 text-sm">
        <section className="space-y-4 rounded-2xl border border-gray-200 p-5 dark:border-gray-800">
          <Field label={t("settings.theme")} id="s-theme">
            <div role="radiogroup" aria-labelledby="s-theme" className="inline-flex rounded-lg border border-gray-300 p-0.5 dark:border-gray-700">
              {THEMES.map((th) => (
                <button
                  key={th}
                  type="button"
                  role="radio"
                  aria-checked={prefs.theme === th}
                  onClick={() => void save({ theme: th })}
                  data-testid={`theme-${th}`}
                  className={`rounded-md px-3 py-1 ${prefs.theme === th ? "bg-brand-600 text-white" : "hover:bg-gray-100 dark:hover:bg-gray-800"}`}
                >
                  {t(`theme.${th}` as MessageKey)}
                </button>
              ))}
            </div>
          </Field>
          <div className="space-y-1">
            <span id="s-lang" className="block font-medium">{t("settings.language")}</span>
            <LanguageSwitch />
          </div>
          <label className="flex items-center justify-between gap-3">
            <span className="font-medium">{t("settings.expandReasoning")}</span>
            <input type="checkbox" role="switch" className="size-4 accent-brand-600" checked={prefs.expandReasoning} onChange={(e) => void save({ expandReasoning: e.target.checked })} data-testid="s-expand-reasoning" />
          </label>
        </section>
        <section className="space-y-4 rounded-2xl border border-gray-200 p-5 dark:border-gray-800">
          <Field label={t("settings.defaultModel")} id="s-model">
            <select id="s-model" className={fieldClass} value={model?.id} onChange={(e) => void save({ defaultModel: e.target.value })} data-testid="s-default-model">
              {models.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
            </select>
          </Field>
          {model?.thinking === "toggle" && (
            <label className="flex items-center justify-between gap-3">
              <span className="font-medium">{t("settings.defaultThinking")}</span>
              <input type="checkbox" role="switch" className="size-4 accent-brand-600" checked={prefs.defaultThinking} onChange={(e) => void save({ defaultThinking: e.target.checked })} data-testid="s-default-thinking" />
            </label>
          )}
          {model?.supportsEffort && prefs.defaultThinking && (
            <Field label={t("settings.effort")} id="s-effort">
              <select id="s-effort" className={fieldClass} value={prefs.defaultEffort ?? ""} onChange={(e) => void save({ defaultEffort: e.target.value || null })}>
                <option value="">{t("settings.effort.default")}</option>
                {REASONING_EFFORTS.map((e) => (
                  <option key={e} value={e}>
                    {t(`settings.effort.${e}` as MessageKey)}
                  </option>
                ))}
              </select>
            </Field>
          )}
          <Field label={t("settings.customInstructions")} id="s-ci" hint={t("settings.customInstructionsHint")}>
            <textarea
              id="s-ci"
              rows={5}
              maxLength={4000}
              className={fieldClass}
              defaultValue={prefs.customInstructions}
              onBlur={(e) => e.target.value !== prefs.customInstructions && void save({ customInstructions: e.target.value })}
              data-testid="s-custom-instructions"
            />
          </Field>
        </section>
      </div>
    </main>
  );
}
