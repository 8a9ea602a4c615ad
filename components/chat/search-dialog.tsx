"use client";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { useI18n } from "@/lib/i18n/client";
import { Dialog } from "@/components/ui/dialog";
import { SearchIcon } from "@/components/ui/icons";

type Hit = { chatId: string; title: string; messageId: string | null; role: string | null; snippet: string; updatedAt: string };

function Highlight({ text, q }: { text: string; q: string }) {
  const at = text.toLocaleLowerCase().indexOf(q.toLocaleLowerCase());
  if (!q || at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <mark className="search-hit">{text.slice(at, at + q.length)}</mark>
      {text.slice(at + q.length)}
    </>
  );
}

export function SearchDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, locale } = useI18n();
  const router = useRouter();
  const [q, setQ] = useState("");
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [active, setActive] = useState(0);

  useEffect(() => {
    const query = q.trim();
    if (!query) return setHits(null);
    const ctrl = new AbortController();
    const timer = window.setTimeout(async () => {
      const res = await fetch(`/api/chats/search?q=${encodeURIComponent(query)}`, { signal: ctrl.signal }).catch(() => null);
      if (res?.ok) {
        setHits(((await res.json()) as { hits: Hit[] }).hits);
        setActive(0);
      }
    }, 200);
    return () => (ctrl.abort(), window.clearTimeout(timer));
  }, [q]);

  const go = (hit: Hit) => {
    onClose();
    setQ("");
    router.push(`/chat/${hit.chatId}${hit.messageId ? `?m=${hit.messageId}` : ""}`);
  };
  // Made only once there are hits: a page's first date formatter costs tens of milliseconds
  // (Chromium loads its locale data), and this dialog is part of every chat page's first render.
  const hasHits = !!hits?.length;
  const date = useMemo(() => (hasHits ? new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en", { dateStyle: "medium" }) : null), [hasHits, locale]);

  return (
    <Dialog open={open} onClose={onClose} title={t("search.open")} testId="search-dialog" className="self-start sm:mt-[12vh]">
      <div className="flex items-center gap-2 border-b border-gray-200 pb-3 dark:border-gray-800">
        <SearchIcon className="size-4 text-gray-400" />
        <input
          autoFocus
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            if (e.nativeEvent.isComposing || !hits?.length) return;
            if (e.key === "ArrowDown") (e.preventDefault(), setActive((active + 1) % hits.length));
            if (e.key === "ArrowUp") (e.preventDefault(), setActive((active - 1 + hits.length) % hits.length));
            if (e.key === "Enter") (e.preventDefault(), go(hits[active]));
          }}
          placeholder={t("search.placeholder")}
          aria-label={t("search.placeholder")}
          role="combobox"
          aria-expanded={!!hits?.length}
          aria-controls="search-results"
          data-testid="search-input"
          className="flex-1 bg-transparent text-sm outline-none"
        />
      </div>
      <div aria-live="polite" className="sr-only">
        {hits ? (hits.length ? t("search.results", { count: hits.length }) : t("search.empty")) : ""}
      </div>
      {hits && hits.length === 0 && <p className="py-6 text-center text-sm text-gray-500">{t("search.empty")}</p>}
      {hits && hits.length > 0 && (
        <ul id="search-results" role="listbox" className="-mx-2 mt-2 max-h-[50vh] overflow-y-auto" data-testid="search-results">
          {hits.map((hit, i) => (
            <li key={`${hit.chatId}-${hit.messageId}`} role="option" aria-selected={i === active}>
              <button
                type="button"
                onClick={() => go(hit)}
                onMouseEnter={() => setActive(i)}
                data-testid="search-hit"
                data-kind={hit.messageId ? "message" : "title"}
                className={`block w-full rounded-lg px-2 py-2 text-left ${i === active ? "bg-gray-100 dark:bg-gray-800" : ""}`}
              >
                <span className="flex items-baseline justify-between gap-2 text-sm font-medium">
                  <span className="truncate">{hit.messageId ? hit.title : <Highlight text={hit.title} q={q.trim()} />}</span>
                  <span className="shrink-0 text-xs font-normal text-gray-400">{date?.format(new Date(hit.updatedAt))}</span>
                </span>
                {hit.messageId && (
                  <span className="mt-0.5 line-clamp-2 text-xs text-gray-500 dark:text-gray-400">
                    <Highlight text={hit.snippet} q={q.trim()} />
                  </span>
                )}
              </button>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
