"use client";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { groupChats, type DateGroup } from "@/lib/chat/date-groups";
import type { MessageKey } from "@/lib/i18n";
import { useI18n } from "@/lib/i18n/client";
import { buttonClass, Dialog } from "@/components/ui/dialog";
import { DotsIcon, PinIcon } from "@/components/ui/icons";
import { UndoDeleteToast } from "./undo-toast";

export type ChatSummary = { id: string; title: string; updatedAt: string; pinned: boolean };
export const CHATS_CHANGED_EVENT = "shoal:chats-changed";
const PAGE = 50;
const groupKey: Record<DateGroup, MessageKey> = {
  pinned: "history.pinned",
  today: "history.today",
  yesterday: "history.yesterday",
  week: "history.week",
  older: "history.older",
};

async function patchChat(id: string, body: object): Promise<boolean> {
  const res = await fetch(`/api/chats/${id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return res.ok;
}

export function ChatHistory({ initialChats, initialCursor }: { initialChats: ChatSummary[]; initialCursor: string | null }) {
  const { t } = useI18n();
  const pathname = usePathname();
  const router = useRouter();
  const [chats, setChats] = useState(initialChats);
  const [cursor, setCursor] = useState(initialCursor);
  const [loading, setLoading] = useState(false);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [menu, setMenu] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<ChatSummary | null>(null);
  const [deleted, setDeleted] = useState<{ chat: ChatSummary; wasOpen: boolean } | null>(null);
  const sentinel = useRef<HTMLLIElement>(null);

  const reload = useCallback(async () => {
    const res = await fetch(`/api/chats?limit=${PAGE}`, { cache: "no-store" });
    if (!res.ok) return;
    const body = (await res.json()) as { chats: ChatSummary[]; nextCursor: string | null };
    setChats(body.chats);
    setCursor(body.nextCursor);
  }, []);
  const loadMore = useCallback(async () => {
    if (!cursor || loading) return;
    setLoading(true);
    const res = await fetch(`/api/chats?limit=${PAGE}&cursor=${encodeURIComponent(cursor)}`, { cache: "no-store" });
    if (res.ok) {
      const body = (await res.json()) as { chats: ChatSummary[]; nextCursor: string | null };
      setChats((prev) => [...prev, ...body.chats.filter((c) => !prev.some((p) => p.id === c.id))]);
      setCursor(body.nextCursor);
    }
    setLoading(false);
  }, [cursor, loading]);

  useEffect(() => {
    // The automatic title is written just after the answer ends: look again a moment later.
    let later: number | undefined;
    const onChange = () => {
      void reload();
      window.clearTimeout(later);
      later = window.setTimeout(() => void reload(), 4000);
    };
    window.addEventListener(CHATS_CHANGED_EVENT, onChange);
    return () => (window.removeEventListener(CHATS_CHANGED_EVENT, onChange), window.clearTimeout(later));
  }, [reload]);
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !cursor) return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && void loadMore());
    io.observe(el);
    return () => io.disconnect();
  }, [cursor, loadMore]);

  const rename = async (chat: ChatSummary, title: string) => {
    setRenaming(null);
    const clean = title.trim();
    if (!clean || clean === chat.title) return;
    setChats((prev) => prev.map((c) => (c.id === chat.id ? { ...c, title: clean } : c)));
    if (!(await patchChat(chat.id, { title: clean }))) void reload();
  };
  const togglePin = async (chat: ChatSummary) => {
    setMenu(null);
    await patchChat(chat.id, { pinned: !chat.pinned });
    void reload();
  };
  const confirmDelete = async () => {
    const chat = deleting;
    setDeleting(null);
    if (!chat) return;
    setChats((prev) => prev.filter((c) => c.id !== chat.id));
    const res = await fetch(`/api/chats/${chat.id}`, { method: "DELETE" });
    // The URL of a chat started on this page is set with history.replaceState, so ask the window.
    const wasOpen = window.location.pathname === `/chat/${chat.id}`;
    if (wasOpen) router.push("/");
    if (res.ok) setDeleted({ chat, wasOpen });
    void reload();
  };
  const undoDelete = async (): Promise<boolean> => {
    if (!deleted) return false;
    const res = await fetch(`/api/chats/${deleted.chat.id}/restore`, { method: "POST" });
    void reload();
    if (res.ok && deleted.wasOpen) router.push(`/chat/${deleted.chat.id}`);
    return res.ok;
  };

  return (
    <>
      <ul className="min-h-0 flex-1 overflow-y-auto px-2 pb-2" data-testid="chat-list" aria-label={t("chat.history")}>
        {chats.length === 0 && <li className="px-2 py-1 text-sm text-gray-400">{t("chat.empty")}</li>}
        {groupChats(chats).map(({ group, chats: items }) => (
          <li key={group} data-testid={`chat-group-${group}`}>
            <h3 className="px-2 pb-1 pt-3 text-xs font-medium text-gray-500">{t(groupKey[group])}</h3>
            <ul>
              {items.map((c) => {
                const active = pathname === `/chat/${c.id}`;
                return (
                  <li key={c.id} className="group relative" data-testid="chat-item" data-chat-id={c.id} data-pinned={c.pinned || undefined}>
                    {renaming === c.id ? (
                      <input
                        autoFocus
                        defaultValue={c.title}
                        aria-label={t("history.renameLabel")}
                        data-testid="rename-input"
                        maxLength={200}
                        onBlur={(e) => void rename(c, e.currentTarget.value)}
                        onKeyDown={(e) => {
                          if (e.key === "Enter" && !e.nativeEvent.isComposing) void rename(c, e.currentTarget.value);
                          if (e.key === "Escape") setRenaming(null);
                        }}
                        className="w-full rounded-lg border border-brand-500 bg-white px-2 py-1.5 text-sm outline-none dark:bg-gray-950"
                      />
                    ) : (
                      <Link
                        href={`/chat/${c.id}`}
                        aria-current={active ? "page" : undefined}
                        onDoubleClick={(e) => {
                          e.preventDefault();
                          setRenaming(c.id);
                        }}
                        className={`flex items-center gap-1.5 truncate rounded-lg py-1.5 pl-2 pr-8 text-sm ${active ? "bg-gray-200 font-medium dark:bg-gray-800" : "hover:bg-gray-100 dark:hover:bg-gray-800/60"}`}
                        data-testid="chat-link"
                      >
                        {c.pinned && <PinIcon className="size-3.5 shrink-0 text-brand-600" />}
                        <span className="truncate">{c.title}</span>
                      </Link>
                    )}
                    {renaming !== c.id && (
                      <button
                        type="button"
                        aria-label={`${t("history.actions")}: ${c.title}`}
                        aria-haspopup="menu"
                        aria-expanded={menu === c.id}
                        data-testid="chat-actions"
                        onClick={() => setMenu(menu === c.id ? null : c.id)}
                        className={`absolute right-1 top-1/2 -translate-y-1/2 ${buttonClass.ghost} ${menu === c.id || active ? "opacity-100" : "opacity-100 md:opacity-0 md:group-hover:opacity-100 md:focus:opacity-100"}`}
                      >
                        <DotsIcon />
                      </button>
                    )}
                    {menu === c.id && (
                      <div
                        role="menu"
                        onKeyDown={(e) => e.key === "Escape" && setMenu(null)}
                        className="absolute right-1 top-9 z-20 w-40 overflow-hidden rounded-xl border border-gray-200 bg-white py-1 text-sm shadow-lg dark:border-gray-700 dark:bg-gray-900"
                      >
                        <MenuItem testId="chat-rename" onClick={() => (setMenu(null), setRenaming(c.id))} autoFocus>
                          {t("history.rename")}
                        </MenuItem>
                        <MenuItem testId="chat-pin" onClick={() => void togglePin(c)}>
                          {c.pinned ? t("history.unpin") : t("history.pin")}
                        </MenuItem>
                        <MenuItem testId="chat-delete" danger onClick={() => (setMenu(null), setDeleting(c))}>
                          {t("history.delete")}
                        </MenuItem>
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
        {cursor && (
          <li ref={sentinel} className="px-2 py-2">
            <button type="button" onClick={() => void loadMore()} className="text-xs text-gray-500 hover:underline" data-testid="load-more">
              {loading ? t("history.loading") : t("history.loadMore")}
            </button>
          </li>
        )}
      </ul>
      <Dialog open={deleting !== null} onClose={() => setDeleting(null)} title={t("history.delete")} testId="delete-dialog">
        <p className="text-sm">{t("history.deleteConfirm", { title: deleting?.title ?? "" })}</p>
        <div className="mt-5 flex justify-end gap-2">
          <button type="button" className={buttonClass.secondary} onClick={() => setDeleting(null)} autoFocus>
            {t("history.cancel")}
          </button>
          <button type="button" className={buttonClass.danger} onClick={() => void confirmDelete()} data-testid="confirm-delete">
            {t("history.delete")}
          </button>
        </div>
      </Dialog>
      {deleted && <UndoDeleteToast id={deleted.chat.id} onUndo={undoDelete} onDone={() => setDeleted(null)} />}
    </>
  );
}

function MenuItem({ children, onClick, danger, testId, autoFocus }: { children: React.ReactNode; onClick: () => void; danger?: boolean; testId: string; autoFocus?: boolean }) {
  return (
    <button
      type="button"
      role="menuitem"
      autoFocus={autoFocus}
      data-testid={testId}
      onClick={onClick}
      className={`block w-full px-3 py-1.5 text-left hover:bg-gray-100 focus:bg-gray-100 dark:hover:bg-gray-800 dark:focus:bg-gray-800 ${danger ? "text-red-600 dark:text-red-400" : ""}`}
    >
      {children}
    </button>
  );
}
