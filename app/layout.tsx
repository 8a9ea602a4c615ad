import type { Metadata, Viewport } from "next";
import { I18nProvider } from "@/lib/i18n/client";
import { getLocale } from "@/lib/i18n/server";
import { cookies, headers } from "next/headers";
import { parseTheme, THEME_COOKIE } from "@/lib/settings/theme";
import { HydrationMark } from "@/components/hydration-mark";
import { earlyShortcutsScript } from "@/lib/chat/shortcuts";
import "./globals.css";

export const metadata: Metadata = {
  title: "Shoal",
  icons: { icon: "/logo.svg" },
  description: "Self-hosted DeepSeek chat for teams",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [locale, jar, nonce] = await Promise.all([getLocale(), cookies(), headers().then((h) => h.get("x-nonce") ?? undefined)]);
  const theme = parseTheme(jar.get(THEME_COOKIE)?.value);
  return (
    <html lang={locale === "zh" ? "zh-CN" : "en"} data-theme={theme}>
      <body className="bg-white text-gray-900 antialiased dark:bg-gray-950 dark:text-gray-100">
        {/* Holds a shortcut pressed before the page's scripts have run (the browser hides the nonce
            attribute once parsed, so hydration sees it differ). */}
        <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: earlyShortcutsScript() }} />
        <I18nProvider locale={locale}>{children}</I18nProvider>
        <HydrationMark />
      </body>
    </html>
  );
}
