import type { Page } from "@playwright/test";
import { expect, holdScripts, hydrated, loadedAt, test } from "../support/e2e-test.ts";
import { signUp as signUpAs, uniqueEmail } from "../support/e2e-auth.ts";

const shots = "test-results/screenshots";
const docs = "docs/screenshots";

async function signUp(page: Page, prefix: string) {
  await signUpAs(page, uniqueEmail(prefix));
}

async function ask(page: Page, text: string) {
  await page.getByTestId("composer-input").fill(text);
  await page.getByTestId("composer-input").press("Enter");
  await expect(page.getByTestId("message-user").last()).toContainText(text.replace(/\s*\[\[.*?\]\]/g, ""));
  await expect(page.getByTestId("message-assistant").last()).toHaveAttribute("data-status", "complete", { timeout: 30_000 });
  await expect(page.getByTestId("send-button")).toBeVisible();
}

test("streams markdown with a table, a highlighted code block and math; copy takes the answer without reasoning", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signUp(page, "md");
  await page.getByTestId("composer-input").fill("Show me fibonacci [[markdown:1]] [[reason:60]] [[slow:120]]");
  await page.getByTestId("composer-input").press("Enter");

  const answer = page.getByTestId("message-assistant").last();
  // Thinking: a live timer, collapsed by default, the reasoning text not in the DOM.
  await expect(answer.getByTestId("reasoning-label")).toContainText(/Thinking for \d+ s/);
  await expect(answer.getByTestId("reasoning-text")).toHaveCount(0);
  await expect(answer.getByTestId("reasoning-toggle")).toHaveAttribute("aria-expanded", "false");
  // The first blocks render before the answer has finished streaming.
  await expect(answer.locator("h2")).toHaveText("Fibonacci");
  await expect(page.getByTestId("stop-button")).toBeVisible();
  await expect(page.getByTestId("send-button")).toBeVisible({ timeout: 30_000 });

  await expect(answer.getByTestId("reasoning-label")).toContainText(/Thought for \d+ s/);
  await expect(answer.locator("table td").first()).toHaveText("10");
  await expect(answer.locator('input[type="checkbox"]')).toHaveCount(2);
  const code = answer.locator('[data-streamdown="code-block"]');
  await expect(code.locator('[data-streamdown="code-block-header"]')).toHaveText("python");
  await expect(code.locator("pre span[style*='--sdm-c']").first()).toBeVisible(); // shiki tokens
  // Highlighting runs in a worker (lib/highlight): shiki and the Python grammar were loaded there,
  // and the page loaded none of the worker's scripts but the bundler's runtime.
  const scripts = (names: string[]) => names.map((n) => n.split("?")[0].split("/").pop()!).filter((n) => n.endsWith(".js"));
  const resources = () => performance.getEntriesByType("resource").map((e) => e.name);
  const highlighter = await Promise.all(page.workers().map(async (w) => ((await w.evaluate(() => self.name)) === "shoal-highlighter" ? w : null))).then((ws) => ws.find(Boolean));
  expect(highlighter, "the highlighter's worker").toBeTruthy();
  const inWorker = scripts(await highlighter!.evaluate(resources));
  const inPage = scripts(await page.evaluate(resources));
  expect(inWorker.length).toBeGreaterThan(3);
  expect(inWorker.filter((n) => inPage.includes(n) && !n.startsWith("turbopack-"))).toEqual([]);
  await expect(answer.locator(".katex-display, .katex").first()).toBeVisible();
  await expect(answer.locator("annotation")).toContainText("\\frac{\\varphi^n - \\psi^n}{\\sqrt{5}}");
  await page.screenshot({ path: `${shots}/markdown.png` });

  await answer.getByTestId("copy-answer").click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain("```python\ndef fib(n):");
  expect(copied).toContain("| 10 | 55 |");
  expect(copied).not.toContain("thought1");

  await code.getByRole("button", { name: "Copy code" }).click();
  expect((await page.evaluate(() => navigator.clipboard.readText())).trimEnd()).toBe("def fib(n):\n    a, b = 0, 1\n    for _ in range(n):\n        a, b = b, a + b\n    return a");

  await answer.getByTestId("reasoning-toggle").click();
  await expect(answer.getByTestId("reasoning-text")).toContainText("thought60");
  await page.reload();
  await expect(page.getByTestId("message-assistant").last().locator("h2")).toHaveText("Fibonacci");
});

test("DeepSeek's \\( … \\), \\[ … \\] and $ … $ math renders with KaTeX; code keeps its backslashes, prices their dollars", async ({ page }) => {
  await signUp(page, "tex");
  // The emulator echoes the question: inline math in both of DeepSeek's delimiters, Chinese around it.
  await ask(page, "面积为\\(\\pi r^2\\)，周长为\\[2\\pi r\\]，代码 `\\(x\\)` 不变");
  const answer = page.getByTestId("message-assistant").last();
  await expect(answer.locator(".katex")).toHaveCount(2);
  await expect(answer.locator("annotation").first()).toHaveText("\\pi r^2");
  await expect(answer.locator("annotation").last()).toHaveText("2\\pi r");
  await expect(answer.locator("code").filter({ hasText: "\\(x\\)" })).toHaveCount(1);
  // Between single dollars too (Pandoc's rule), while prices stay prices.
  await ask(page, "设$x$为实数，$a + b$ 也是；价格 $5 和 $10 不是");
  const dollars = page.getByTestId("message-assistant").last();
  await expect(dollars.locator(".katex")).toHaveCount(2);
  await expect(dollars.locator("annotation").first()).toHaveText("x");
  await expect(dollars.locator("annotation").last()).toHaveText("a + b");
  await expect(dollars.getByTestId("answer")).toContainText("价格 $5 和 $10 不是");
  // The chat page links KaTeX's stylesheet itself: answers arrive as HTML before the Markdown chunk
  // does, and KaTeX's markup without its stylesheet shows each formula twice.
  const html = await (await page.request.get(page.url())).text();
  const sheets = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*>/g)].map((m) => /href="([^"]+)"/.exec(m[0])![1]);
  const css = await Promise.all(sheets.map(async (href) => (await page.request.get(new URL(href, page.url()).href)).text()));
  expect(css.some((text) => text.includes(".katex-mathml"))).toBe(true);
});

test("a long answer keeps what it rendered while streaming when it ends: the same nodes, a selection kept; reopened, it renders whole", async ({ page }) => {
  await signUp(page, "pieces");
  // Twelve Markdown samples (~3,000 characters, blank lines between): the streaming render cuts
  // them into pieces (lib/chat/stream-segments.ts).
  await page.getByTestId("composer-input").fill("Twelve samples [[markdown:12]] [[slow:15]]");
  await page.getByTestId("composer-input").press("Enter");
  const answer = page.getByTestId("message-assistant").last();
  const pieces = answer.getByTestId("md-pieces").locator(":scope > *");
  await expect.poll(() => pieces.count(), { timeout: 20_000 }).toBeGreaterThan(1);
  await expect(answer).not.toHaveAttribute("data-status", "complete");
  // Tag the first piece's node and select its heading, as a reader copying from it would.
  const heading = await pieces.first().evaluate((el) => {
    (el as HTMLElement & { __tagged?: boolean }).__tagged = true;
    const h2 = el.querySelector("h2")!;
    const range = document.createRange();
    range.selectNodeContents(h2);
    window.getSelection()!.removeAllRanges();
    window.getSelection()!.addRange(range);
    return h2.textContent;
  });
  expect(heading).toBe("Fibonacci");
  // Keep a heading of the piece still being written (a finished piece must not be rendered again
  // from scratch when the next one starts, nor when the answer ends).
  await expect
    .poll(
      () =>
        pieces.last().evaluate((el) => {
          const h2 = el.querySelector("h2");
          if (h2) (window as unknown as { __writing?: Element }).__writing = h2;
          return h2 !== null;
        }),
      { timeout: 20_000 },
    )
    .toBe(true);
  expect(await answer.getAttribute("data-status")).not.toBe("complete");
  await expect(answer).toHaveAttribute("data-status", "complete", { timeout: 30_000 });
  await expect(answer.locator("h2")).toHaveCount(12);
  // Ending did not render the answer again: the first piece is the node it was, the heading of
  // the piece that was being written is still the same node, and the selection is still there.
  await expect(answer.getByTestId("md-pieces")).toHaveCount(1);
  expect(await pieces.first().evaluate((el) => (el as HTMLElement & { __tagged?: boolean }).__tagged === true)).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { __writing?: Element }).__writing?.isConnected)).toBe(true);
  expect(await page.evaluate(() => window.getSelection()!.toString())).toBe("Fibonacci");
  // Opened again, the stored answer renders as one document, the same twelve samples.
  await page.reload();
  const stored = page.getByTestId("message-assistant").last();
  await expect(stored.locator("h2")).toHaveCount(12);
  await expect(stored.getByTestId("md-pieces")).toHaveCount(0);
});

test("a streamed answer's finished pieces are not rendered off screen, and a menu opened in one is not clipped by it", async ({ page }) => {
  await signUp(page, "offscreen");
  // The Markdown chunk loads on demand (lazy-markdown.tsx), and the page loads it when first idle:
  // an answer that has ended before it arrives renders as one document, without pieces. A first
  // answer makes sure it is there.
  await ask(page, "Hello");
  await expect(page.getByTestId("markdown-pending")).toHaveCount(0);
  // 150 one-row tables (~6,000 characters): the streaming render cuts them into pieces, each
  // ending with a table.
  await ask(page, "Tables [[tables:150]] [[slow:1]]");
  const answer = page.getByTestId("message-assistant").last();
  const pieces = answer.getByTestId("md-pieces").locator(":scope > *");
  expect(await pieces.count()).toBeGreaterThan(2);
  // The view followed the answer to its end, however fast it grew (the follow's own scroll
  // events, arriving after the answer had grown again, used to stop it; long-chat.spec.ts).
  await expect(answer.getByRole("cell", { name: "t150", exact: true })).toBeInViewport();
  const rendered = (table: ReturnType<Page["locator"]>) => table.evaluate((el) => el.checkVisibility({ contentVisibilityAuto: true }));
  // The page is at the answer's end: the first piece is far above it, skipped by the browser
  // (style, layout, paint, hit testing).
  await expect.poll(() => rendered(pieces.first().locator("table").first())).toBe(false);
  // A finished piece's last table: its copy menu opens below the table, past the piece's box and
  // over the next piece. It is on top and can be clicked there, while the piece is pointed at
  // and while it holds the focus.
  const first = pieces.first();
  const table = first.locator('[data-streamdown="table-wrapper"]').last();
  await table.evaluate((el) => el.scrollIntoView({ block: "center" }));
  await expect.poll(() => rendered(table.locator("table"))).toBe(true);
  await table.hover();
  const copy = table.getByTitle("Copy table", { exact: true });
  await copy.click();
  const item = table.getByRole("button").last();
  await expect(item).toBeVisible();
  const [itemBox, pieceBox] = [(await item.boundingBox())!, (await first.boundingBox())!];
  const pieceBottom = pieceBox.y + pieceBox.height;
  expect(itemBox.y + itemBox.height).toBeGreaterThan(pieceBottom + 4);
  // A point of the item below the piece's bottom edge.
  const top = Math.max(itemBox.y, pieceBottom);
  const point = { x: itemBox.x + itemBox.width / 2, y: top + (itemBox.y + itemBox.height - top) / 2 };
  const hit = () => page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest("button")?.textContent ?? null, point);
  const label = await item.textContent();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  expect(await hit()).toBe(label);
  await copy.focus();
  await page.mouse.move(5, 5);
  expect(await hit()).toBe(label);
});

test("after the window's width changes, a streamed answer's skipped pieces hold the height they have at the new width, and the text being read stays put", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await signUp(page, "rewidth");
  await ask(page, "Hello"); // loads the Markdown chunk (see the test above)
  // 60 paragraphs of ~60 words: a piece's height depends on how many lines its paragraphs wrap to.
  await ask(page, "Prose [[paragraphs:60]] [[slow:1]]");
  const answer = page.getByTestId("message-assistant").last();
  const pieces = answer.getByTestId("md-pieces").locator(":scope > *");
  expect(await pieces.count()).toBeGreaterThan(6);
  // Skipped: what is inside the piece is not rendered (the piece's own box is).
  const skipped = (piece: ReturnType<Page["locator"]>) => piece.locator("p").first().evaluate((el) => !el.checkVisibility({ contentVisibilityAuto: true }));
  const first = pieces.first();
  await expect.poll(() => skipped(first)).toBe(true);
  // Every skipped piece's height as held, against its height once rendered.
  const heights = () =>
    answer.getByTestId("md-pieces").evaluate(async (list) => {
      const done = [...list.children].filter((el) => el.classList.contains("md-piece-done") && !el.querySelector("p")!.checkVisibility({ contentVisibilityAuto: true })) as HTMLElement[];
      const held = done.map((el) => el.getBoundingClientRect().height);
      for (const el of done) el.style.contentVisibility = "visible";
      const real = done.map((el) => el.getBoundingClientRect().height);
      for (const el of done) el.style.contentVisibility = "";
      return { skipped: done.length, wrong: held.filter((h, i) => Math.abs(h - real[i]) >= 1).length };
    });
  const wide = await first.evaluate((el) => el.getBoundingClientRect().height);
  // Narrower: the thread is 768 px wide at 1280 and under 600 px at 640 (the sidebar becomes a drawer).
  await page.setViewportSize({ width: 640, height: 720 });
  await expect.poll(() => first.evaluate((el) => !el.hasAttribute("data-relayout") && el.getBoundingClientRect().height), { timeout: 5_000 }).toBeGreaterThan(wide + 20);
  await expect(answer.locator("[data-relayout]")).toHaveCount(0);
  // (Polled: on a busy machine the pieces are laid out again over a few frames, not all in the first.)
  await expect.poll(heights).toMatchObject({ wrong: 0 });
  expect((await heights()).skipped).toBeGreaterThan(4);

  // The reader scrolls up into the answer, to the middle of a paragraph, and widens the window
  // again in two steps: the paragraph at the top of the view stays where it was while the pieces
  // above it take their new, shorter heights (it moved 1,170 px without the anchoring).
  const reading = pieces.nth((await pieces.count()) - 3);
  await reading.evaluate((el) => {
    el.scrollIntoView({ block: "start" });
    el.closest('[data-testid="message-scroller"]')!.scrollBy(0, 150);
  });
  const frames = () => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await frames();
  await expect.poll(() => skipped(first)).toBe(true);
  const paragraph = page.getByTestId("message-scroller").evaluateHandle((scroller) => {
    const box = scroller.getBoundingClientRect();
    return document.elementFromPoint(box.left + box.width / 2, box.top + 5)!.closest("p")!;
  });
  const top = async () => Math.round(await (await paragraph).evaluate((el) => el.getBoundingClientRect().top));
  const before = await top();
  await page.setViewportSize({ width: 960, height: 720 });
  await frames();
  await page.setViewportSize({ width: 1280, height: 720 });
  await expect.poll(() => first.evaluate((el) => el.getBoundingClientRect().height)).toBeLessThan(wide + 1);
  await expect(answer.locator("[data-relayout]")).toHaveCount(0);
  await frames();
  expect(Math.abs((await top()) - before)).toBeLessThan(3);
  await expect.poll(heights).toMatchObject({ wrong: 0 });
});

test("a new chat's first answer streams formatted: the page warms the Markdown stack up unseen while it is idle", async ({ page }) => {
  // Recorded from the page's first script: the warm-up's container as it appeared, whether it
  // went away, and whether an answer ever showed as plain text waiting for the Markdown chunk.
  await page.addInitScript(() => {
    const w = window as unknown as { __warm: Record<string, unknown> };
    w.__warm = { seen: false, gone: false, pending: false };
    new MutationObserver(() => {
      const el = document.querySelector<HTMLElement>('[data-testid="markdown-warmup"]');
      if (document.querySelector('[data-testid="markdown-pending"]')) w.__warm.pending = true;
      if (el && !w.__warm.seen) {
        const box = el.getBoundingClientRect();
        Object.assign(w.__warm, { seen: true, ariaHidden: el.getAttribute("aria-hidden"), inert: el.inert, visible: el.checkVisibility({ visibilityProperty: true }), onScreen: box.right > 0 && box.left < innerWidth });
      }
      if (!el && w.__warm.seen) w.__warm.gone = true;
    }).observe(document, { childList: true, subtree: true });
  });
  await signUp(page, "warm");
  await page.waitForFunction(() => (window as unknown as { __warm: { gone: boolean } }).__warm.gone, undefined, { timeout: 15_000 });
  expect(await page.evaluate(() => (window as unknown as { __warm: unknown }).__warm)).toMatchObject({ ariaHidden: "true", inert: true, visible: false, onScreen: false, pending: false });
  // It started the highlighter's worker and loaded KaTeX's fonts.
  await expect.poll(async () => (await Promise.all(page.workers().map((w) => w.evaluate(() => self.name)))).includes("shoal-highlighter")).toBe(true);
  await expect.poll(() => page.evaluate(() => [...document.fonts].some((f) => f.family.replace(/"/g, "") === "KaTeX_Main" && f.status === "loaded"))).toBe(true);
  // The first answer renders as Markdown from its first block: never as plain text waiting for the
  // chunk (which loaded on demand, once the answer was on the page, before the warm-up).
  // (At DeepSeek's pace, so that the answer is on the page while it streams even on a busy machine:
  // at 5 ms a token it could arrive whole before the page rendered it, and then it is one document.)
  await ask(page, "Fibonacci [[markdown:1]] [[slow:20]]");
  const answer = page.getByTestId("message-assistant").last();
  await expect(answer.getByTestId("md-pieces")).toHaveCount(1);
  await expect(answer.locator("table td").first()).toHaveText("10");
  expect(await page.evaluate(() => (window as unknown as { __warm: { pending: boolean } }).__warm.pending)).toBe(false);
  await expect(page.getByTestId("markdown-warmup")).toHaveCount(0);
});

test("IME composition: Enter that confirms a candidate never sends", async ({ page }) => {
  await signUp(page, "ime");
  const input = page.getByTestId("composer-input");
  await input.fill("你好");
  await input.evaluate((el) => {
    el.dispatchEvent(new CompositionEvent("compositionstart", { bubbles: true, data: "" }));
    el.dispatchEvent(new CompositionEvent("compositionupdate", { bubbles: true, data: "ni" }));
    el.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", code: "Enter", bubbles: true, cancelable: true, isComposing: true }));
    el.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", code: "Enter", keyCode: 229, bubbles: true, cancelable: true }));
    el.dispatchEvent(new CompositionEvent("compositionend", { bubbles: true, data: "你" }));
  });
  await page.waitForTimeout(500);
  await expect(page.getByTestId("message-user")).toHaveCount(0);
  await expect(input).toHaveValue("你好");
  await input.press("Enter"); // a plain Enter after composition sends
  await expect(page.getByTestId("message-user")).toContainText("你好");
});

test("history: rename inline, pin to top, delete with confirmation; search finds a Chinese phrase and jumps to it", async ({ page }) => {
  await signUp(page, "hist");
  await ask(page, "请解释向量数据库的索引原理");
  await page.getByTestId("new-chat").click(); // a plain link: a new page, hydrated before typing
  await loadedAt(page, "/");
  await ask(page, "What is a B-tree?");
  await page.getByTestId("new-chat").click();
  await loadedAt(page, "/");
  await ask(page, "Throwaway question");

  const items = page.getByTestId("chat-item");
  await expect(items).toHaveCount(3);
  await expect(page.getByTestId("chat-group-today")).toBeVisible();
  await expect(items.first()).toContainText("Throwaway question");

  // Rename inline.
  const btree = items.filter({ hasText: "What is a B-tree?" });
  await btree.getByTestId("chat-actions").click();
  await page.getByTestId("chat-rename").click();
  await page.getByTestId("rename-input").fill("Trees 树");
  await page.getByTestId("rename-input").press("Enter");
  await expect(items.filter({ hasText: "Trees 树" })).toHaveCount(1);

  // Pin: moves to a Pinned section at the top, survives reload.
  await items.filter({ hasText: "请解释" }).getByTestId("chat-actions").click();
  await page.getByTestId("chat-pin").click();
  await expect(page.getByTestId("chat-group-pinned")).toContainText("请解释向量数据库的索引原理");
  await page.reload();
  await expect(items.first()).toContainText("请解释向量数据库的索引原理");
  await expect(items.first()).toHaveAttribute("data-pinned", "true");
  await expect(items.filter({ hasText: "Trees 树" })).toHaveCount(1);

  // Delete asks first; cancel keeps it, confirm removes it for good.
  const throwaway = items.filter({ hasText: "Throwaway question" });
  await throwaway.getByTestId("chat-actions").click();
  await page.getByTestId("chat-delete").click();
  await expect(page.getByTestId("delete-dialog")).toContainText("undo this for a few seconds");
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(throwaway).toHaveCount(1);
  await throwaway.getByTestId("chat-actions").click();
  await page.getByTestId("chat-delete").click();
  await page.getByTestId("confirm-delete").click();
  await expect(throwaway).toHaveCount(0);
  await expect(page.getByTestId("undo-toast")).toContainText("Chat deleted");
  await page.reload();
  await expect(items).toHaveCount(2);

  // Search (Ctrl+K) finds a phrase inside a message, in Chinese, and opens the chat at it.
  await page.keyboard.press("Control+k");
  await expect(page.getByTestId("search-dialog")).toBeVisible();
  await page.getByTestId("search-input").fill("索引原理");
  // Title hits come first; take the hit inside the answer, which echoes the question.
  // (The automatic title also echoes the question, so pick a message hit explicitly.)
  const hit = page.locator('[data-testid="search-hit"][data-kind="message"]').filter({ hasText: "You said" }).first();
  await expect(hit).toBeVisible();
  await expect(hit.locator("mark")).toHaveText("索引原理");
  await page.screenshot({ path: `${shots}/search.png` });
  await hit.click();
  await expect(page).toHaveURL(/\/chat\/[\w-]+$/);
  await expect(page.getByTestId("message-user").first()).toContainText("请解释向量数据库的索引原理");
  await expect(page.locator(".message-highlight")).toHaveCount(1);
  await expect(page.locator(".message-highlight")).toContainText("请解释向量数据库的索引原理");

  // Titles are searchable too (renamed title, mixed script).
  await page.keyboard.press("Control+k");
  await page.getByTestId("search-input").fill("trees 树");
  await expect(page.getByTestId("search-hit").first()).toContainText("Trees 树");
});

test("a shortcut pressed while the chat page's scripts are still loading is kept, and runs once they have", async ({ page }) => {
  await signUp(page, "early");
  await ask(page, "Remember this chat");
  const release = await holdScripts(page);
  const errors: string[] = []; // a hydration mismatch over the inline script would show here
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(page.url(), { waitUntil: "commit" });
  await expect(page.getByTestId("chat-item")).toHaveCount(1); // rendered by the server; no script has run
  await page.keyboard.press("Control+k");
  release();
  await expect(page.getByTestId("search-dialog")).toBeVisible();
  await expect(page.getByTestId("search-input")).toBeFocused();
  await page.getByTestId("search-input").fill("Remember");
  await expect(page.getByTestId("search-hit").first()).toContainText("Remember this chat");
  // Once the page runs, shortcuts are the page's own: Esc closes, Ctrl+/ opens the list of them.
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("search-dialog")).toBeHidden();
  await page.keyboard.press("Control+/");
  await expect(page.getByTestId("shortcuts-dialog")).toBeVisible();
  expect(errors).toEqual([]);
});

test("what is typed while the chat page's scripts are still loading is what Enter sends once they have", async ({ page }) => {
  await signUp(page, "typed");
  const release = await holdScripts(page);
  await page.goto("/", { waitUntil: "commit" });
  const input = page.getByTestId("composer-input");
  await input.fill("Typed before any script ran"); // the server-rendered box takes the text
  release();
  await hydrated(page);
  await expect(input).toHaveValue("Typed before any script ran");
  await expect(page.getByTestId("send-button")).toBeEnabled(); // the page has the text, not only the box
  await input.press("Enter");
  await expect(page.getByTestId("message-user")).toContainText("Typed before any script ran");
  await expect(page.getByTestId("message-assistant").last()).toHaveAttribute("data-status", "complete", { timeout: 30_000 });
  await expect(input).toHaveValue("");
});

test("language switch, keyboard shortcut help, dark mode and the mobile drawer", async ({ page }) => {
  await signUp(page, "look");
  await ask(page, "Show me the Fibonacci numbers [[markdown:1]]");
  await page.setViewportSize({ width: 1280, height: 1180 });
  await page.screenshot({ path: `${docs}/desktop-light.png` });
  await page.setViewportSize({ width: 1280, height: 720 });

  await page.keyboard.press("Control+/");
  await expect(page.getByTestId("shortcuts-dialog")).toContainText("Search chats");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Shift+Escape");
  await expect(page.getByTestId("composer-input")).toBeFocused();

  await page.getByTestId("language-select").selectOption("zh");
  await expect(page.getByTestId("new-chat")).toContainText("新对话");
  await expect(page.getByTestId("composer-input")).toHaveAttribute("placeholder", "给 DeepSeek 发送消息…");

  // Dark mode from the settings page; it sticks across pages and reloads.
  await page.getByTestId("open-settings").click();
  await page.getByTestId("theme-dark").click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expect(page.getByTestId("settings-status")).toHaveText("已保存");
  await page.getByTestId("settings-back").click();
  await page.getByTestId("chat-link").first().click();
  await expect(page.getByTestId("message-assistant")).toHaveCount(1);
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  const bg = await page.locator("body").evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(bg).not.toBe("rgb(255, 255, 255)");
  await page.getByTestId("language-select").selectOption("en");
  await expect(page.getByTestId("new-chat")).toContainText("New chat");
  await page.setViewportSize({ width: 1280, height: 1180 });
  await page.screenshot({ path: `${docs}/desktop-dark.png` });

  // 360 px: the sidebar is a drawer.
  await page.setViewportSize({ width: 360, height: 740 });
  const sidebar = page.getByTestId("sidebar");
  await expect(sidebar).not.toBeInViewport();
  await page.screenshot({ path: `${docs}/mobile-dark.png` });
  await page.getByTestId("open-sidebar").click();
  await expect(sidebar).toBeInViewport();
  await page.screenshot({ path: `${docs}/mobile-drawer-dark.png` });
  await page.keyboard.press("Escape");
  await expect(sidebar).not.toBeInViewport();

  await page.goto("/settings");
  await page.getByTestId("theme-light").click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await page.goto("/");
  await page.getByTestId("open-sidebar").click();
  await expect(sidebar).toBeInViewport();
  await page.screenshot({ path: `${docs}/mobile-drawer-light.png` });
  await page.getByTestId("drawer-backdrop").click({ position: { x: 340, y: 400 } });
  await expect(sidebar).not.toBeInViewport();
});
