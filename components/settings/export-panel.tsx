"use client";
import { useI18n } from "@/lib/i18n/client";
import { buttonClass, Section } from "./data-settings";

export function ExportPanel({ chats }: { chats: Array<{ id: string; title: string }> }) {
  const { t } = useI18n();
  const link = "text-sm text-brand-700 hover:underline dark:text-brand-100";
  return (
    <Section title={t("port.export.title")} testId="export-section">
      <p className="text-sm text-gray-600 dark:text-gray-400">{t("port.export.body")}</p>
      <div className="flex flex-wrap gap-2">
        <a href="/api/export?scope=chats" download className={buttonClass} data-testid="export-all">
          {t("port.export.all")}
        </a>
        <a href="/api/export?scope=account" download className={buttonClass} data-testid="export-account">
          {t("port.export.account")}
        </a>
      </div>
      <p className="text-sm text-gray-600 dark:text-gray-400">{t("port.export.accountBody")}</p>
      <h3 className="pt-2 font-medium">{t("port.export.oneTitle")}</h3>
      {chats.length === 0 ? (
        <p className="text-sm text-gray-400">{t("port.export.none")}</p>
      ) : (
        <ul className="divide-y divide-gray-100 dark:divide-gray-800" data-testid="export-chat-list">
          {chats.map((c) => (
            <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span className="min-w-0 flex-1 truncate text-sm">{c.title}</span>
              <span className="flex gap-3">
                <a className={link} download href={`/api/chats/${c.id}/export?format=md`} data-testid="export-md">
                  {t("port.export.md")}
                </a>
                <a className={link} download href={`/api/chats/${c.id}/export?format=md&reasoning=1`} data-testid="export-md-reasoning">
                  {t("port.export.mdReasoning")}
                </a>
                <a className={link} download href={`/api/chats/${c.id}/export?format=json`} data-testid="export-json">
                  {t("port.export.json")}
                </a>
              </span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
