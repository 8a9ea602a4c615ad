// The app-wide keyboard shortcuts, as pure logic shared by the chat pages' handler
// (components/chat/shortcuts.tsx) and the inline script that holds a shortcut pressed while the
// page's scripts are still loading (`earlyShortcutsScript`).

export type ShortcutAction = "newChat" | "focusComposer" | "stop" | "search" | "help";

type Keys = Pick<KeyboardEvent, "ctrlKey" | "metaKey" | "shiftKey" | "key">;

/** The shortcut a key press means, if any. Self-contained: the inline script runs its source. */
export function actionFor(e: Keys): ShortcutAction | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (mod && e.shiftKey && key === "o") return "newChat";
  if (mod && !e.shiftKey && key === "k") return "search";
  if (mod && key === "/") return "help";
  if (e.key === "Escape" && e.shiftKey) return "focusComposer";
  if (e.key === "Escape" && !e.shiftKey && !mod) return "stop";
  return null;
}

/** What a key press can ask of the page on its own (Esc stops the answer the page is streaming). */
export type PageShortcut = Exclude<ShortcutAction, "stop">;

/** Where the inline script leaves what it caught, for the handler to take over. */
export type EarlyShortcuts = {
  pending?: PageShortcut;
  /** The key press it came from: React may hydrate while dispatching it, and the handler hear it too. */
  event?: KeyboardEvent;
  listener?: (e: KeyboardEvent) => void;
};
export const EARLY_SHORTCUTS = "__shoalShortcuts";
/** The chat pages' sidebar (its element id): the shortcuts are the chat pages', not sign-in's. */
export const SIDEBAR_ID = "sidebar";

/**
 * Until React has hydrated the page, no handler listens for shortcuts, so a Ctrl+K pressed while a
 * chat page loads (half a second on a slow machine) would be lost — or go to the browser, which
 * puts the cursor in its address bar. This script, inlined at the top of every page's body by the
 * root layout (which only the server renders, so React never creates it in the browser, where it
 * would not run), listens from the first byte. On a page with the chat sidebar it keeps the last
 * shortcut pressed (not Esc, which has nothing to stop yet) and stops the browser's own action; the
 * handler removes it and runs that shortcut when it starts. Elsewhere (sign-in, a shared chat) it
 * lets every key through. It listens in the capture phase: while React hydrates, it stops key
 * presses at the document it has not hydrated yet (to replay them on the element they were meant
 * for), so a listener on the window's bubble phase would never hear them.
 */
export function earlyShortcutsScript(): string {
  return `(function(actionFor){var s=window[${JSON.stringify(EARLY_SHORTCUTS)}]={};s.listener=function(e){if(e.isComposing||!document.getElementById(${JSON.stringify(SIDEBAR_ID)}))return;var a=actionFor(e);if(!a||a==="stop")return;e.preventDefault();s.pending=a;s.event=e};window.addEventListener("keydown",s.listener,true)})(${actionFor.toString()})`;
}
