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

/** Where the inline script leaves what it caught, for the handler to take over. */
export type EarlyShortcuts = { pending?: Exclude<ShortcutAction, "stop">; listener?: (e: KeyboardEvent) => void };
export const EARLY_SHORTCUTS = "__shoalShortcuts";

/**
 * Until React has hydrated the page, no handler listens for shortcuts, so a Ctrl+K pressed while a
 * chat page loads (half a second on a slow machine) would be lost — or go to the browser, which
 * puts the cursor in its address bar. This script, inlined at the top of the chat layout, listens
 * from the first byte: it keeps the last shortcut pressed (not Esc, which has nothing to stop yet)
 * and stops the browser's own action; the handler removes it and runs that shortcut when it starts.
 */
export function earlyShortcutsScript(): string {
  return `(function(actionFor){var s=window[${JSON.stringify(EARLY_SHORTCUTS)}]={};s.listener=function(e){if(e.isComposing)return;var a=actionFor(e);if(!a||a==="stop")return;e.preventDefault();s.pending=a};window.addEventListener("keydown",s.listener)})(${actionFor.toString()})`;
}
