"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { signOutAction } from "@/app/(auth)/actions";
import { useI18n } from "@/lib/i18n/client";
import { LanguageSwitch } from "./language-switch";

export const CHATS_CHANGED_EVENT = "shoal:chats-changed";

type ChatSummary = { id: string; title: string; updatedAt: string };
type Props = { initialChats: ChatSummary[]; email: string; isAdmin: boolean };

export function Sidebar({ initialChats, email, isAdmin }: Props) {
  const { t } = useI18n();
  const pathname = usePathname();
  const [chats, setChats] = useState(initialChats);

  const reload = useCallback(async () => {
    const res = await fetch("/api/chats", { cache: "no-store" });
    if (res.ok) setChats(((await res.json()) as { chats: ChatSummary[] }).chats);
  }, []);
  useEffect(() => {
    window.addEventListener(CHATS_CHANGED_EVENT, reload);
    return () => window.removeEventListener(CHATS_CHANGED_EVENT, reload);
  }, [reload]);

  return (
    <nav aria-label={t("chat.history")} className="flex h-full w-64 shrink-0 flex-col border-r border-gray-200 bg-gray-50 dark:border-gray-800 dark:bg-gray-900">
      <div className="flex items-center justify-between px-4 py-3">
        <span className="text-lg font-bold">🐟 {t("app.name")}</span>
      </div>
      <div className="px-3">
        <a
          href="/"
          data-testid="new-chat"
          className="block rounded-lg border border-gray-300 bg-white px-3 py-2 text-center text-sm font-medium hover:bg-gray-100 dark:border-gray-700 dark:bg-gray-950 dark:hover:bg-gray-800"
        >
          + {t("chat.new")}
        </a>
      </div>
      <h2 className="px-4 pb-1 pt-4 text-xs font-semibold uppercase tracking-wide text-gray-500">{t("chat.history")}</h2>
      <ul className="min-h-0 flex-1 overflow-y-auto px-2" data-testid="chat-list">
        {chats.length === 0 && <li className="px-2 py-1 text-sm text-gray-400">{t("chat.empty")}</li>}
        {chats.map((c) => {
          const active = pathname === `/chat/${c.id}`;
          return (
            <li key={c.id}>
              <Link
                href={`/chat/${c.id}`}
                aria-current={active ? "page" : undefined}
                className={`block truncate rounded-lg px-2 py-1.5 text-sm ${active ? "bg-gray-200 font-medium dark:bg-gray-800" : "hover:bg-gray-100 dark:hover:bg-gray-800"}`}
                data-testid="chat-link"
              >
                {c.title}
              </Link>
            </li>
          );
        })}
      </ul>
      <div className="space-y-2 border-t border-gray-200 px-4 py-3 text-sm dark:border-gray-800">
        <p className="truncate text-gray-500" title={email}>
          {t("nav.signedInAs", { email })}
          {isAdmin && <span className="ml-1 rounded bg-brand-100 px-1 text-xs text-brand-700">{t("role.admin")}</span>}
        </p>
        <a href="/settings/data" data-testid="settings-data-link" className="block text-gray-600 hover:underline dark:text-gray-300">{t("port.nav")}</a>
        <div className="flex items-center justify-between gap-2">
          <LanguageSwitch />
          <form action={signOutAction}>
            <button type="submit" data-testid="sign-out" className="text-gray-600 hover:underline dark:text-gray-300">
              {t("auth.signOut")}
            </button>
          </form>
        </div>
      </div>
    </nav>
  );
}
