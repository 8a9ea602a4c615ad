"use client";
import { useRouter } from "next/navigation";
import { LOCALE_COOKIE, LOCALES } from "@/lib/i18n";
import { useI18n } from "@/lib/i18n/client";

export function LanguageSwitch() {
  const { locale, t } = useI18n();
  const router = useRouter();
  return (
    <label className="flex items-center gap-1">
      <span className="sr-only">{t("language")}</span>
      <select
        value={locale}
        data-testid="language-select"
        onChange={(e) => {
          document.cookie = `${LOCALE_COOKIE}=${e.target.value}; path=/; max-age=31536000; samesite=lax`;
          router.refresh();
        }}
        className="rounded border border-gray-300 bg-transparent px-1 py-0.5 text-sm dark:border-gray-700"
      >
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {t(`language.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
