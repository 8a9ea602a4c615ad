import { runInNewContext } from "node:vm";
import { expect, test } from "vitest";
import { actionFor, EARLY_SHORTCUTS, earlyShortcutsScript, type EarlyShortcuts, SIDEBAR_ID } from "@/lib/chat/shortcuts";

test("actionFor maps each documented shortcut, with Cmd as Ctrl", () => {
  const key = (key: string, mods: { ctrlKey?: boolean; metaKey?: boolean; shiftKey?: boolean } = {}) =>
    actionFor({ ctrlKey: false, metaKey: false, shiftKey: false, key, ...mods });
  expect(key("k", { ctrlKey: true })).toBe("search");
  expect(key("K", { metaKey: true })).toBe("search");
  expect(key("k", { ctrlKey: true, shiftKey: true })).toBeNull();
  expect(key("O", { ctrlKey: true, shiftKey: true })).toBe("newChat");
  expect(key("/", { ctrlKey: true })).toBe("help");
  expect(key("Escape", { shiftKey: true })).toBe("focusComposer");
  expect(key("Escape")).toBe("stop");
  expect(key("Escape", { ctrlKey: true })).toBeNull();
  expect(key("k")).toBeNull();
});

/** Runs the inline script's source the way a page would, in a window of its own. */
function page({ sidebar = true } = {}) {
  const listeners: ((e: unknown) => void)[] = [];
  const window: Record<string, unknown> = {
    addEventListener: (type: string, fn: (e: unknown) => void, capture?: boolean) => type === "keydown" && capture === true && listeners.push(fn),
    document: { getElementById: (id: string) => (sidebar && id === SIDEBAR_ID ? {} : null) },
  };
  window.window = window;
  runInNewContext(earlyShortcutsScript(), window);
  const press = (key: string, mods: { ctrlKey?: boolean; shiftKey?: boolean; isComposing?: boolean } = {}) => {
    const e = { ctrlKey: false, metaKey: false, shiftKey: false, isComposing: false, key, ...mods, prevented: false };
    const event = { ...e, preventDefault: () => (event.prevented = true) };
    for (const fn of listeners) fn(event);
    return event.prevented;
  };
  return { press, early: () => window[EARLY_SHORTCUTS] as EarlyShortcuts, listeners };
}

test("the inline script keeps the last shortcut pressed before hydration and stops the browser's own action", () => {
  const p = page(); // listening in the capture phase, ahead of React's listeners on the document
  expect(p.listeners).toHaveLength(1);
  expect(p.early().listener).toBe(p.listeners[0]);
  expect(p.early().pending).toBeUndefined();

  expect(p.press("k", { ctrlKey: true })).toBe(true);
  expect(p.early().pending).toBe("search");
  expect(p.early().event).toMatchObject({ key: "k", ctrlKey: true }); // so the handler can skip it
  expect(p.press("/", { ctrlKey: true })).toBe(true);
  expect(p.early().pending).toBe("help");
});

test("the inline script lets other keys, Esc and keys of an input method's composition through", () => {
  const p = page();
  expect(p.press("a")).toBe(false);
  expect(p.press("Escape")).toBe(false);
  expect(p.press("k", { ctrlKey: true, isComposing: true })).toBe(false);
  expect(p.early().pending).toBeUndefined();
});

test("on a page without the chat sidebar (sign-in, a shared chat) the inline script lets every key through", () => {
  const p = page({ sidebar: false });
  expect(p.press("k", { ctrlKey: true })).toBe(false);
  expect(p.press("/", { ctrlKey: true })).toBe(false);
  expect(p.early().pending).toBeUndefined();
});
