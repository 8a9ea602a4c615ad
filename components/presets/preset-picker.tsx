"use client";
import { useRouter } from "next/navigation";
import { useI18n } from "@/lib/i18n/client";

export type PresetOption = { id: string; name: string; published: boolean };

/** On the new-chat screen: start from a preset (the page reloads with its settings). */
export function PresetPicker({ presets, value }: { presets: PresetOption[]; value: string | null }) {
  const { t } = useI18n();
  const router = useRouter();
  return (
    <label className="flex min-w-0 items-center gap-1.5 text-sm">
      <span className="sr-only">{t("presets.picker")}</span>
      <select
        value={value ?? ""}
        onChange={(e) => router.push(e.target.value ? `/?preset=${encodeURIComponent(e.target.value)}` : "/")}
        className="max-w-48 truncate rounded-lg border border-gray-300 bg-white px-2 py-1 text-sm dark:border-gray-700 dark:bg-gray-950"
        data-testid="preset-picker"
        aria-label={t("presets.picker")}
      >
        <option value="">{t("presets.pickerNone")}</option>
        {presets.map((p) => (
          <option key={p.id} value={p.id}>
            {p.published ? `${p.name} · ${t("presets.published")}` : p.name}
          </option>
        ))}
      </select>
    </label>
  );
}
