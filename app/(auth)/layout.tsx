import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";

export default async function AuthLayout({ children }: { children: React.ReactNode }) {
  if (await getCurrentUser()) redirect("/");
  const { t } = await getTranslator();
  return (
    <main className="flex min-h-full items-center justify-center bg-gray-50 px-4 py-12 dark:bg-gray-950">
      <div className="w-full max-w-sm rounded-2xl border border-gray-200 bg-white p-8 shadow-sm dark:border-gray-800 dark:bg-gray-900">
        <div className="mb-6 text-center">
          <h1 className="text-2xl font-bold tracking-tight">🐟 {t("app.name")}</h1>
          <p className="mt-1 text-sm text-gray-500">{t("app.tagline")}</p>
        </div>
        {children}
      </div>
    </main>
  );
}
