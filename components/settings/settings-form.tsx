"use client";
import Link from "next/link";
import { useState } from "react";
import type { PublicModel } from "@/lib/chat/types";
import type { MessageKey } from "@/lib/i18n";
import { useI18n } from "@/lib/i18n/client";
import { THEMES, type UserPrefs } from "@/lib/settings/schema";
import { writeThemeCookie } from "@/lib/settings/theme";
import { ModelFields } from "@/components/chat/model-fields";
import { Field, fieldClass } from "@/components/ui/field";
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
          <ModelFields
            idPrefix="s"
            models={models}
            value={{ model: model?.id ?? "", thinking: prefs.defaultThinking, reasoningEffort: prefs.defaultEffort ?? null }}
            onChange={(patch) =>
              void save({
                ...(patch.model !== undefined ? { defaultModel: patch.model } : {}),
                ...(patch.thinking !== undefined ? { defaultThinking: patch.thinking } : {}),
                ...(patch.reasoningEffort !== undefined ? { defaultEffort: patch.reasoningEffort } : {}),
              } as Partial<UserPrefs>)
            }
            modelLabel="settings.defaultModel"
            thinkingLabel="settings.defaultThinking"
            testIds={{ model: "s-default-model", thinking: "s-default-thinking" }}
          />
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
