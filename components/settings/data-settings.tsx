"use client";
import { useI18n } from "@/lib/i18n/client";
import { DeleteAccount } from "./delete-account";
import { ExportPanel } from "./export-panel";
import { ImportPanel } from "./import-panel";

type Props = { email: string; chats: Array<{ id: string; title: string }> };

export function DataSettings({ email, chats }: Props) {
  const { t } = useI18n();
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-3xl space-y-10 px-6 py-8">
        <header className="flex items-center justify-between">
          <h1 className="text-2xl font-semibold">{t("port.title")}</h1>
          <a href="/" className="text-sm text-gray-600 hover:underline dark:text-gray-300">
            {t("port.back")}
          </a>
        </header>
        <ExportPanel chats={chats} />
        <ImportPanel />
        <DeleteAccount email={email} />
      </div>
    </div>
  );
}

export function Section({ title, children, testId }: { title: string; children: React.ReactNode; testId: string }) {
  return (
    <section data-testid={testId} className="space-y-3 rounded-xl border border-gray-200 p-5 dark:border-gray-800">
      <h2 className="text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

export const buttonClass =
  "inline-block rounded-lg border border-gray-300 bg-white px-3 py-2 text-sm font-medium hover:bg-gray-100 disabled:opacity-50 dark:border-gray-700 dark:bg-gray-950 dark:hover:bg-gray-800";
