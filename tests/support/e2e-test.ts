// The e2e specs' `test`: Playwright's, with a page that, after a full page load (`goto`, `reload`),
// waits until React has hydrated it (`<html data-hydrated>`, components/hydration-mark.tsx) before
// the spec goes on. The server-rendered page looks ready earlier, but its buttons, fields and
// shortcuts do nothing until then; a spec that clicked or typed in that window failed at random
// on a busy machine (CI, 2026-12-07: a Ctrl+K pressed right after a reload was lost).
import { expect, test as base, type Page, type Response } from "@playwright/test";

export { expect };

/** Waits until the page's current document has hydrated. */
export async function hydrated(page: Page): Promise<void> {
  await expect(page.locator("html[data-hydrated]")).toBeAttached();
}

/** After a click that loads a new document (a plain link, a redirect): waits for it, then for hydration. */
export async function loadedAt(page: Page, path: string | RegExp): Promise<void> {
  await page.waitForURL(typeof path === "string" ? new URL(path, page.url()).href : path);
  await hydrated(page);
}

/** Makes this page's `goto` and `reload` wait for hydration, for pages a spec opens itself. */
export function waitsForHydration(page: Page): Page {
  const after = async (res: Response | null, waitUntil?: string) => {
    const html = res?.headers()["content-type"]?.startsWith("text/html");
    if (html && waitUntil !== "commit") await hydrated(page);
    return res;
  };
  const goto = page.goto.bind(page);
  const reload = page.reload.bind(page);
  page.goto = async (url, options) => after(await goto(url, options), options?.waitUntil);
  page.reload = async (options) => after(await reload(options), options?.waitUntil);
  return page;
}

/**
 * Holds back the page's scripts (not its styles), as a slow network or a busy machine would, until
 * the returned function is called.
 */
export async function holdScripts(page: Page): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/_next\/static\/chunks\/.+\.js$/, async (route) => (await held, route.continue()));
  return release;
}

export const test = base.extend({
  page: async ({ page }, use) => use(waitsForHydration(page)),
});
