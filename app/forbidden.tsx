import Link from "next/link";
import { getTranslator } from "@/lib/i18n/server";

export default async function Forbidden() {
  const { t } = await getTranslator();
  return (
    <div className="flex h-full flex-col items-center justify-center gap-4 p-8 text-center" data-testid="forbidden">
      <p className="text-lg">{t("admin.forbidden")}</p>
      <Link href="/" className="text-brand-600 hover:underline">
        {t("chat.new")}
      </Link>
    </div>
  );
}
