"use client";
import { elementScroll, useVirtualizer } from "@tanstack/react-virtual";
import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { ChatUIMessage } from "@/lib/chat/types";
import { useI18n } from "@/lib/i18n/client";

/** Above this many messages only the visible ones (plus a margin) are in the DOM. */
export const VIRTUALIZE_AFTER = 40;
/** A message's height before it is measured, and the space between two messages (`gap-6`). */
const ESTIMATED_HEIGHT = 180;
const GAP = 24;
/** The list's top padding (`py-6`): where the rows start when nothing is shown above them. */
const LIST_PADDING = 24;
/**
 * The viewport height the server renders a windowed chat for (it cannot know the real one): the
 * newest messages that fill it, plus the overscan above, are in the page's HTML.
 */
const SERVER_VIEWPORT = 1000;

type Props = {
  messages: ChatUIMessage[];
  busy: boolean;
  renderItem: (message: ChatUIMessage, streaming: boolean) => React.ReactNode;
  /** Shown above the thread (notices, the welcome line). */
  before?: React.ReactNode;
  /** Shown below the thread (typing caret, errors). */
  after?: React.ReactNode;
};

/**
 * After the thread's width changed, skipped pieces are laid out again a few per frame: more while
 * frames come at most this far apart, fewer after one that did not (a piece of the benchmark's
 * Markdown, tables, code and formulas, takes ~15–25 ms to lay out; one of prose, a few).
 */
const RELAYOUT_FRAME_MS = 34;

function answerText(m: ChatUIMessage | undefined): string {
  return (m?.parts ?? []).map((p) => (p.type === "text" ? p.text : "")).join("");
}

/**
 * The scrolling thread: follows the bottom while the user is there, windows long chats, jumps to
 * `?m=<messageId>` (search results), and tells screen readers about each finished answer once
 * instead of reading every streamed token.
 */
export function MessageList({ messages, busy, renderItem, before, after }: Props) {
  const { t } = useI18n();
  const scroller = useRef<HTMLDivElement | null>(null);
  const atBottom = useRef(true);
  const lastTop = useRef(0);
  // Set when the windowing moves the view itself (a row above it was measured at another
  // height than estimated), until the scroll event that follows.
  const windowingMoved = useRef(false);
  // Jump to a search hit (?m=<messageId>) once, then leave the URL clean; else start at the bottom.
  // Read from the router, not window.location: on a client-side navigation the address bar is
  // updated only after this component's effects have run.
  const params = useSearchParams();
  const [target] = useState(() => params.get("m"));
  const [targetIndex] = useState(() => (target ? messages.findIndex((m) => m.id === target) : -1));
  // The page's HTML lays the thread out bottom-up (a reversed flex column), so that the browser
  // shows its end before any script has run (unless it opens at a search hit). Once React has the
  // scroller it is laid out top-down again and left at its end; the mount effect below then puts
  // it where it opens (a ref is attached before its component's layout effects run).
  const attachScroller = useCallback((el: HTMLDivElement | null) => {
    scroller.current = el;
    if (!el?.hasAttribute("data-opens-at-end")) return;
    el.removeAttribute("data-opens-at-end");
    el.scrollTop = el.scrollHeight;
  }, []);
  const virtual = messages.length > VIRTUALIZE_AFTER;
  const last = messages.at(-1);

  const rows = useRef<HTMLDivElement>(null);
  const wasVirtual = useRef(virtual);
  // Where the rows start in the scroller's content (the list's top padding, and what is shown
  // above the thread): TanStack Virtual's positions count from there, so that it tells rows above
  // the view from the one the view starts in, and centers a search hit, by where they really are.
  const [margin, setMargin] = useState(LIST_PADDING);

  const virtualizer = useVirtualizer({
    count: virtual ? messages.length : 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_HEIGHT,
    scrollToFn: (offset, options, instance) => {
      if (options.adjustments) windowingMoved.current = true;
      elementScroll(offset, options, instance);
    },
    overscan: 6,
    gap: GAP,
    scrollMargin: margin,
    getItemKey: (i) => messages[i]?.id ?? i,
    // Until the scroller is there (the server's render, and the first render in the browser, which
    // hydrates it), the window is where the chat opens: its end, or the search hit.
    initialRect: { width: 0, height: SERVER_VIEWPORT },
    initialOffset: () =>
      Math.max(
        0,
        margin +
          (targetIndex < 0
            ? messages.length * (ESTIMATED_HEIGHT + GAP) - GAP - SERVER_VIEWPORT
            : targetIndex * (ESTIMATED_HEIGHT + GAP) + ESTIMATED_HEIGHT / 2 - SERVER_VIEWPORT / 2),
      ),
  });
  // A row above the view that changes height moves the view by as much, so that what is on screen
  // stays put: when it is first measured (TanStack's default) and when it is measured again, also
  // while the reader is scrolling up, which the default leaves out. Rows rewrap when the window's
  // width changes: within 150 ms of scrolling up, every message above moved the text being read.
  virtualizer.shouldAdjustScrollPositionOnItemSizeChange ??= (item, _delta, instance) =>
    instance.itemSizeCache.has(item.key) ? item.end <= (instance.scrollOffset ?? 0) : item.start < (instance.scrollOffset ?? 0);
  // When the chat grows past the threshold, the window starts from the heights the messages have
  // in the page, not the estimate: else it would be placed by estimated positions, which for short
  // messages is mid-chat, and the messages on screen would be unmounted and rendered again. (The
  // window is computed below, from the sizes as they are then.)
  if (virtual && !wasVirtual.current && rows.current) {
    for (const row of rows.current.children) {
      const id = row.firstElementChild?.getAttribute("data-message-id");
      if (id) virtualizer.itemSizeCache.set(id, Math.round(row.getBoundingClientRect().height));
    }
  }
  wasVirtual.current = virtual;

  const [highlight, setHighlight] = useState<string | null>(null);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (target) window.setTimeout(() => window.history.replaceState(null, "", window.location.pathname), 0);
    if (targetIndex < 0) {
      el.scrollTop = el.scrollHeight;
      if (virtual) virtualizer.scrollToIndex(messages.length - 1, { align: "end" });
      return;
    }
    atBottom.current = false;
    setHighlight(target);
    if (virtual) virtualizer.scrollToIndex(targetIndex, { align: "center" });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only on mount
  }, []);
  // A search hit in the chat that is already open changes only ?m=, without a remount.
  const requested = params.get("m");
  useEffect(() => {
    if (!requested || requested === highlight) return;
    const index = messages.findIndex((m) => m.id === requested);
    if (index < 0) return;
    atBottom.current = false;
    setHighlight(requested);
    if (virtual) virtualizer.scrollToIndex(index, { align: "center" });
    window.setTimeout(() => window.history.replaceState(null, "", window.location.pathname), 0);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- react to a new ?m= only
  }, [requested]);
  useEffect(() => {
    if (!highlight) return;
    const find = () => scroller.current?.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(highlight)}"]`);
    const node = find();
    if (node) node.scrollIntoView({ block: "center" });
    else requestAnimationFrame(() => find()?.scrollIntoView({ block: "center" }));
  }, [highlight]);

  const total = virtual ? virtualizer.getTotalSize() : 0;
  const toEnd = (el: HTMLDivElement) => {
    el.scrollTop = el.scrollHeight;
    lastTop.current = el.scrollTop;
  };
  const count = useRef(messages.length);
  useEffect(() => {
    const el = scroller.current;
    // Sending a message always brings the user back to the bottom.
    if (messages.length > count.current && messages.at(-1)?.role === "user") atBottom.current = true;
    count.current = messages.length;
    if (el && atBottom.current) toEnd(el);
  }, [messages, total]);
  // The thread's height changes without a render here too (a streaming answer's pieces, code
  // highlighted by the worker, the windowing measuring a row). While the reader is at the end the
  // view is put back there in the same frame, after layout and before paint, so that no scroll
  // event sees it above the end, and a shrink followed by growth (the browser clamping the view
  // up) is undone before it is seen as the reader leaving.
  // A new width (the window resized, the phone turned) re-lays out every skipped piece once it has
  // settled: an answer's finished pieces skipped off screen (globals.css) hold the height they last
  // had on the page, at the old width, and would take their new one only as the reader scrolls to
  // them, moving what is on screen each time. A few pieces per frame (RELAYOUT_FRAME_MS), so that a
  // long answer's tables and formulas are not all laid out in one task.
  const list = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    const el = scroller.current;
    const thread = list.current;
    if (!el || !thread) return;
    let width = -1;
    let measuredMargin = LIST_PADDING;
    let seen = 0; // the thread's clientWidth at the observer's last callback
    let settle = 0;
    let frame = 0;
    const stop = () => {
      window.clearTimeout(settle);
      cancelAnimationFrame(frame);
      for (const piece of thread.querySelectorAll<HTMLElement>("[data-relayout]")) delete piece.dataset.relayout;
    };
    // While the reader is up in the thread, what they are reading stays where it is: the block at
    // the top of the view (the deepest element there, inside the message the view starts in) is
    // put back where it was after the last change of the thread's size or scroll, when the width
    // changes and after each batch changed heights above it (the thread has no scroll anchoring:
    // the follow manages the view). With the windowing on, TanStack Virtual moves the view itself
    // for messages above, so only what moved within that message counts, and the correction goes
    // through it so that its own next correction does not undo this one; it is told the message's
    // new height first, so that it does not count the message as above the moved view and move
    // the view for it again.
    const anchor = () => {
      if (atBottom.current) return undefined;
      const view = el.getBoundingClientRect();
      const inView = (node: Element) => {
        const box = node.getBoundingClientRect();
        return box.bottom > view.top + 1 && box.top < view.bottom;
      };
      const message = [...thread.querySelectorAll<HTMLElement>("[data-message-id]")].find(inView);
      if (!message) return undefined;
      let node: Element = message;
      // In the flow only: an absolutely placed child (a screen reader's label) is not the text.
      const inFlow = (child: Element) => inView(child) && !/^(absolute|fixed)$/.test(getComputedStyle(child).position);
      for (let depth = 0; depth < 8; depth++) {
        const child = [...node.children].find(inFlow);
        if (!child) break;
        node = child;
      }
      // Windowed, relative to the message (a scroll does not move it); else to the scroller.
      const from = wasVirtual.current ? message : null;
      const at = () => node.getBoundingClientRect().top - (from ?? el).getBoundingClientRect().top;
      return { node, at, top: at(), scroll: el.scrollTop, from };
    };
    const keep = (moved: number, from: HTMLElement | null) => {
      if (moved === 0) return;
      if (!from || !wasVirtual.current) {
        el.scrollTop += moved;
      } else {
        const row = from.parentElement;
        const index = Number(row?.dataset.index);
        if (row && Number.isInteger(index)) virtualizer.resizeItem(index, Math.round(row.getBoundingClientRect().height));
        // The method TanStack Virtual corrects the view with (typed private in 3.19): it keeps its
        // own idea of the offset in step.
        (virtualizer as unknown as { applyScrollAdjustment(delta: number): void }).applyScrollAdjustment(moved);
      }
      lastTop.current = el.scrollTop;
    };
    let reading: ReturnType<typeof anchor>;
    let picking = 0;
    // A scroll moves the record along without reading the layout (it may already be at a new
    // width the observer has not seen yet); the anchor is picked again in the next frame, once the
    // width is known to be the same.
    const scrolled = () => {
      if (reading && !reading.from) {
        reading.top -= el.scrollTop - reading.scroll;
        reading.scroll = el.scrollTop;
      }
      cancelAnimationFrame(picking);
      picking = requestAnimationFrame(() => {
        if (thread.clientWidth === seen) reading = anchor();
      });
    };
    const relayout = () => {
      const pieces = [...thread.querySelectorAll<HTMLElement>(".md-piece-done")];
      // One piece in the first frame; more while frames stay short, fewer once one ran long.
      let batch = 1;
      let last = 0;
      const next = (now: number) => {
        if (last) batch = now - last > RELAYOUT_FRAME_MS ? Math.max(1, batch >> 1) : Math.min(16, batch * 2);
        last = now;
        const current = anchor();
        const before = current?.at() ?? 0;
        for (const piece of thread.querySelectorAll<HTMLElement>("[data-relayout]")) delete piece.dataset.relayout;
        for (const piece of pieces.splice(0, batch)) piece.dataset.relayout = "";
        if (current) keep(current.at() - before, current.from); // lays the batch out now, as the frame would
        if (pieces.length || thread.querySelector("[data-relayout]")) frame = requestAnimationFrame(next);
      };
      // Marked in a frame's callbacks, a batch is rendered in that frame and unmarked in the next.
      frame = requestAnimationFrame(next);
    };
    const observer = new ResizeObserver(([entry]) => {
      const next = entry.contentRect.width;
      if (width >= 0 && next !== width) {
        if (reading?.node.isConnected && !atBottom.current) keep(reading.at() - reading.top, reading.from);
        stop();
        settle = window.setTimeout(relayout, 150);
      }
      width = next;
      seen = thread.clientWidth;
      // (Read after layout, so a change of what is above the rows, which only an unconfigured
      // Shoal shows in a long chat, reaches the windowing one resize late.)
      if (rows.current?.childElementCount) {
        const next = Math.round(rows.current.getBoundingClientRect().top - el.getBoundingClientRect().top + el.scrollTop);
        if (next !== measuredMargin) setMargin((measuredMargin = next));
      }
      if (atBottom.current) toEnd(el);
      reading = anchor();
    });
    observer.observe(thread);
    el.addEventListener("scroll", scrolled, { passive: true });
    return () => {
      observer.disconnect();
      el.removeEventListener("scroll", scrolled);
      cancelAnimationFrame(picking);
      stop();
    };
  }, []);

  // One announcement per finished answer.
  const [announcement, setAnnouncement] = useState("");
  const wasBusy = useRef(busy);
  useEffect(() => {
    if (wasBusy.current && !busy && last?.role === "assistant") {
      const text = answerText(last);
      if (text) setAnnouncement(`${t("msg.newAnswer")}: ${text.slice(0, 400)}`);
    }
    wasBusy.current = busy;
  }, [busy, last, t]);

  const isStreaming = (m: ChatUIMessage) => busy && m === last && m.role === "assistant";
  const items = virtualizer.getVirtualItems();

  return (
    <div
      ref={attachScroller}
      onScroll={(e) => {
        const el = e.currentTarget;
        // Only the reader moving up leaves the end. The page moves the view by itself too: the
        // follow's own scroll event can arrive after the answer has grown again (a busy page
        // commits twice before its next frame), and the windowing moves the view up when a row
        // above it turns out shorter than estimated. Neither is the reader leaving.
        if (el.scrollHeight - el.scrollTop - el.clientHeight < 80) atBottom.current = true;
        else if (el.scrollTop < lastTop.current - 2 && !windowingMoved.current) atBottom.current = false;
        lastTop.current = el.scrollTop;
        windowingMoved.current = false;
      }}
      className="min-h-0 flex-1 overflow-y-auto [overflow-anchor:none] data-[opens-at-end]:flex data-[opens-at-end]:flex-col-reverse"
      data-opens-at-end={targetIndex < 0 ? "" : undefined}
      data-testid="message-scroller"
    >
      <div
        ref={list}
        className="mx-auto mb-auto flex w-full max-w-3xl flex-col gap-6 px-4 py-6"
        role="log"
        aria-live="off"
        aria-label={t("chat.history")}
        aria-busy={busy}
        data-testid="message-list"
        data-virtualized={virtual || undefined}
      >
        {before}
        {/* The messages are in the flow; when the chat is windowed, between two spacers for the
            ones above and below the window, so the page's HTML lays them out as they will be. A
            chat that grows past the threshold keeps the same elements: nothing is rendered again. */}
        <div
          ref={rows}
          className="flex flex-col gap-6 empty:hidden"
          style={virtual ? { paddingTop: (items[0]?.start ?? margin) - margin, paddingBottom: total + margin - (items.at(-1)?.end ?? margin) } : undefined}
        >
          {(virtual ? items.map((item) => item.index) : messages.map((_, i) => i)).map((index) => {
            const m = messages[index];
            return (
              <div
                key={m.id}
                data-index={index}
                ref={virtual ? virtualizer.measureElement : undefined}
                className={m.id === highlight ? "message-highlight rounded-xl" : undefined}
              >
                {renderItem(m, isStreaming(m))}
              </div>
            );
          })}
        </div>
        {after}
      </div>
      <div className="sr-only" aria-live="polite" data-testid="answer-announcer">
        {announcement}
      </div>
    </div>
  );
}
