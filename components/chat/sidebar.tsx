"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { signOutAction } from "@/app/(auth)/actions";
import { useI18n } from "@/lib/i18n/client";
import { CloseIcon, GearIcon, KeyboardIcon, MenuIcon, PlusIcon, SearchIcon } from "@/components/ui/icons";
import { buttonClass } from "@/components/ui/dialog";
import { ChatHistory, type ChatSummary } from "./chat-history";
import { LanguageSwitch } from "./language-switch";
import { SearchDialog } from "./search-dialog";
import { ShortcutsDialog, useShortcuts } from "./shortcuts";
import { SIDEBAR_ID } from "@/lib/chat/shortcuts";

export { CHATS_CHANGED_EVENT } from "./chat-history";

type Props = { initialChats: ChatSummary[]; initialCursor: string | null; email: string; isAdmin: boolean };

export function Sidebar({ initialChats, initialCursor, email, isAdmin }: Props) {
  const { t } = useI18n();
  const pathname = usePathname();
  const [drawer, setDrawer] = useState(false);
  const [search, setSearch] = useState(false);
  const [help, setHelp] = useState(false);
  const openSearch = useCallback(() => (setDrawer(false), setSearch(true)), []);
  const openHelp = useCallback(() => setHelp(true), []);
  useShortcuts({ onSearch: openSearch, onHelp: openHelp });
  useEffect(() => setDrawer(false), [pathname]);
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!drawer) return;
    closeButton.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setDrawer(false);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [drawer]);

  return (
    <>
      {/* Below md the sidebar is a drawer behind this button. */}
      <button
        type="button"
        onClick={() => setDrawer(true)}
        aria-label={t("nav.openSidebar")}
        aria-expanded={drawer}
        aria-controls={SIDEBAR_ID}
        data-testid="open-sidebar"
        className={`fixed left-2 top-2 z-30 md:hidden ${buttonClass.ghost}`}
      >
        <MenuIcon />
      </button>
      {drawer && <div className="fixed inset-0 z-40 bg-black/40 md:hidden" onClick={() => setDrawer(false)} aria-hidden data-testid="drawer-backdrop" />}
      <nav
        id={SIDEBAR_ID}
        aria-label={t("chat.history")}
        data-testid="sidebar"
        data-open={drawer || undefined}
        className={`fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] shrink-0 flex-col border-r border-gray-200 bg-gray-50 transition-transform dark:border-gray-800 dark:bg-gray-900 md:static md:z-auto md:w-64 md:translate-x-0 ${drawer ? "translate-x-0 shadow-2xl" : "-translate-x-full"}`}
      >
        <div className="flex items-center justify-between gap-2 px-3 pb-2 pt-3">
          <Link href="/" className="flex items-center gap-2 rounded-lg px-1 text-base font-semibold tracking-tight">
            <img src="/logo.svg" alt="" width={24} height={24} className="size-6" />
            {t("app.name")}
          </Link>
          <div className="flex items-center gap-0.5">
            <button type="button" onClick={openSearch} aria-label={t("search.open")} title={`${t("search.open")} (Ctrl K)`} data-testid="open-search" className={buttonClass.ghost}>
              <SearchIcon />
            </button>
            <button ref={closeButton} type="button" onClick={() => setDrawer(false)} aria-label={t("nav.closeSidebar")} data-testid="close-sidebar" className={`md:hidden ${buttonClass.ghost}`}>
              <CloseIcon />
            </button>
          </div>
        </div>
        <div className="px-3">
          <a
            href="/"
            data-testid="new-chat"
            className="flex items-center justify-center gap-1.5 rounded-lg border border-gray-300 bg-white px-3 py-2 text-sm font-medium shadow-xs hover:bg-gray-100 dark:border-gray-700 dark:bg-gray-950 dark:hover:bg-gray-800"
          >
            <PlusIcon />
            {t("chat.new")}
          </a>
        </div>
        <ChatHistory initialChats={initialChats} initialCursor={initialCursor} />
        <div className="space-y-2 border-t border-gray-200 px-3 py-3 text-sm dark:border-gray-800">
          <p className="truncate px-1 text-gray-500" title={email}>
            {t("nav.signedInAs", { email })}
            {isAdmin && <span className="ml-1 rounded bg-brand-100 px-1 text-xs text-brand-700">{t("role.admin")}</span>}
          </p>
          <a href="/usage" data-testid="nav-usage" className="block px-1 text-gray-600 hover:underline dark:text-gray-300">{t("usage.nav")}</a>
          <a href="/settings/presets" data-testid="nav-presets" className="block px-1 text-gray-600 hover:underline dark:text-gray-300">{t("presets.nav")}</a>
          {isAdmin && <a href="/admin" data-testid="nav-admin" className="block px-1 text-gray-600 hover:underline dark:text-gray-300">{t("admin.nav")}</a>}
          <a href="/settings/data" data-testid="settings-data-link" className="block px-1 text-gray-600 hover:underline dark:text-gray-300">{t("port.nav")}</a>
          <div className="flex items-center justify-between gap-1">
            <LanguageSwitch />
            <div className="flex items-center gap-0.5">
              <button type="button" onClick={openHelp} aria-label={t("nav.shortcuts")} title={t("nav.shortcuts")} data-testid="open-shortcuts" className={buttonClass.ghost}>
                <KeyboardIcon />
              </button>
              <Link href="/settings" aria-label={t("nav.settings")} title={t("nav.settings")} data-testid="open-settings" className={buttonClass.ghost}>
                <GearIcon />
              </Link>
              <form action={signOutAction}>
                <button type="submit" data-testid="sign-out" className="rounded-lg px-2 py-1 text-gray-600 hover:bg-gray-200 dark:text-gray-300 dark:hover:bg-gray-800">
                  {t("auth.signOut")}
                </button>
              </form>
            </div>
          </div>
        </div>
      </nav>
      <SearchDialog open={search} onClose={() => setSearch(false)} />
      <ShortcutsDialog open={help} onClose={() => setHelp(false)} />
    </>
  );
}
