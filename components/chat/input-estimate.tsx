"use client";
import { estimateTokens } from "@/lib/chat/estimate-tokens";
import { useI18n } from "@/lib/i18n/client";

/** Shown under the composer once the input is long enough for its size to matter. */
export function InputEstimate({ text, threshold = 400 }: { text: string; threshold?: number }) {
  const { t, locale } = useI18n();
  if (text.length < threshold) return null;
  const nf = new Intl.NumberFormat(locale === "zh" ? "zh-CN" : "en");
  return (
    <p className="px-3 pt-1 text-right text-xs text-gray-500" data-testid="input-estimate" aria-live="polite">
      {t("composer.estimate", { chars: nf.format([...text].length), tokens: nf.format(estimateTokens(text)) })}
    </p>
  );
}
