import type { Page } from "@playwright/test";
import { expect, test } from "../support/e2e-test.ts";
import { signUp } from "../support/e2e-auth.ts";
import { paragraphSample } from "../support/deepseek-emulator/script.ts";
import { openE2eDb } from "../support/e2e-db";

const MESSAGES = 500;

/**
 * A chat of `count` messages written straight into the e2e database: question/answer pairs, one
 * branch. Answers are Markdown with a list and code, one line (`short`), or three paragraphs of
 * ~60 words (`prose`: their height depends on the thread's width).
 */
async function seedLongChat(email: string, count = MESSAGES, kind: "markdown" | "short" | "prose" = "markdown"): Promise<string> {
  const db = openE2eDb();
  try {
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    const chatId = `long${Date.now()}`;
    await db.chat.create({ data: { id: chatId, userId: user.id, title: "Long chat", model: "deepseek-flash", thinking: false } });
    const prose = [1, 2, 3].map(paragraphSample).join("\n\n");
    const answer = kind === "prose" ? prose : "Here is **an answer** with a list:\n\n- first point\n- second point with `code`\n\n```js\nconsole.log(1)\n```\n\nAnd a closing paragraph of ordinary prose.";
    const t0 = Date.now() - 3_600_000;
    let parentId: string | null = null;
    const data = [];
    for (let i = 0; i < count; i++) {
      const id = `${chatId}m${i}`;
      const turn = Math.floor(i / 2);
      const user = i % 2 === 0;
      data.push({
        id,
        chatId,
        parentId,
        role: user ? "user" : "assistant",
        parts: [{ type: "text", text: user ? `Question ${turn}?` : kind === "short" ? `Answer ${turn}.` : `Answer ${turn}. ${answer}` }],
        searchText: user ? `Question ${turn}?` : kind === "short" ? `Answer ${turn}.` : `Answer ${turn}. ${answer}`,
        status: "complete",
        model: user ? null : "deepseek-flash",
        createdAt: new Date(t0 + i * 1000),
      });
      parentId = id;
    }
    await db.message.createMany({ data });
    await db.chat.update({ where: { id: chatId }, data: { activeLeafId: parentId } });
    return chatId;
  } finally {
    await db.$disconnect();
  }
}

const atBottom = (page: Page) =>
  page.getByTestId("message-scroller").evaluate((el) => Math.abs(el.scrollHeight - el.scrollTop - el.clientHeight) < 4);

test("a 500-message chat opens at its newest message, windowed, and scrolls to the top and back to the end", async ({ page }) => {
  test.setTimeout(120_000);
  const email = `long-${Date.now()}@example.com`;
  await signUp(page, email);
  const chatId = await seedLongChat(email);
  const last = MESSAGES / 2 - 1;

  const started = Date.now();
  await page.goto(`/chat/${chatId}`);
  // Opens at the end: the newest answer is on screen.
  const newest = page.getByTestId("message-assistant").filter({ hasText: `Answer ${last}.` });
  await expect(newest).toBeInViewport();
  const openMs = Date.now() - started;
  await expect(page.getByTestId("message-list")).toHaveAttribute("data-virtualized", "true");
  await expect.poll(() => atBottom(page)).toBe(true);
  // Markdown renders (the lazily loaded chunk arrived) in the windowed list.
  await expect(newest.locator("pre code, code").first()).toBeVisible();
  // Windowing: only what is near the viewport is in the DOM.
  const rendered = await page.locator("[data-testid=message-user], [data-testid=message-assistant]").count();
  expect(rendered).toBeLessThan(60);

  // Scroll to the top in steps (as a wheel would), then jump back to the end.
  await page.getByTestId("message-scroller").evaluate(async (el) => {
    for (let i = 0; i < 2000 && el.scrollTop > 0; i++) {
      el.scrollTop -= 800;
      await new Promise((r) => requestAnimationFrame(() => r(null)));
    }
  });
  await expect(page.getByTestId("message-user").filter({ hasText: "Question 0?" })).toBeInViewport();
  await expect(newest).toHaveCount(0);

  await page.getByTestId("message-scroller").evaluate(async (el) => {
    for (let i = 0; i < 20; i++) {
      el.scrollTop = el.scrollHeight;
      await new Promise((r) => requestAnimationFrame(() => r(null)));
    }
  });
  await expect(newest).toBeInViewport();
  await expect.poll(() => atBottom(page)).toBe(true);
  expect(await page.locator("[data-testid=message-user], [data-testid=message-assistant]").count()).toBeLessThan(60);

  // Timing is reported, not asserted (a shared CI box measures its neighbours as much as Shoal).
  test.info().annotations.push({ type: "perf", description: `open ${openMs} ms; ${rendered} of ${MESSAGES} messages in the DOM` });
  await page.screenshot({ path: "test-results/screenshots/long-chat-end.png" });
});

test("a long chat's page shows its newest messages before any script has run, and hydrating keeps them", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const email = `long-html-${Date.now()}@example.com`;
  await signUp(page, email);
  const chatId = await seedLongChat(email);
  const last = MESSAGES / 2 - 1;
  const origin = new URL(page.url()).origin;

  // The page's HTML alone, as the browser shows it before the scripts have arrived: the end of the chat.
  const htmlOnly = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  try {
    const bare = await htmlOnly.newPage();
    await bare.goto(`${origin}/chat/${chatId}`);
    await expect(bare.getByTestId("message-assistant").filter({ hasText: `Answer ${last}.` })).toBeInViewport();
    await expect(bare.getByTestId("message-user").filter({ hasText: `Question ${last}?` })).toBeInViewport();
    await expect(bare.getByTestId("message-user").filter({ hasText: "Question 0?" })).toHaveCount(0);
  } finally {
    await htmlOnly.close();
  }

  // With scripts: the newest answer's formatted Markdown from the HTML is the node that stays once
  // React has hydrated it with the Markdown chunk (never rendered again, never shown as plain text
  // while the chunk loads), and the thread is laid out top-down again, at its end.
  await page.addInitScript((newest) => {
    const sel = `[data-message-id="${newest}"]`;
    const pending = '[data-testid="markdown-pending"]';
    const w = window as unknown as { __formatted: Element | null; __pendingAfter: number; __removed: number };
    w.__formatted = null;
    w.__pendingAfter = 0;
    w.__removed = 0;
    new MutationObserver((records) => {
      for (const r of records) {
        r.removedNodes.forEach((n) => {
          if (n instanceof Element && (n.matches(sel) || n.querySelector(sel))) w.__removed++;
        });
        r.addedNodes.forEach((n) => {
          if (w.__formatted && n instanceof Element && n.closest(sel) && (n.matches(pending) || n.querySelector(pending))) w.__pendingAfter++;
        });
      }
      // (The HTML may bring the formatted answer after a plain-text fallback, in place of a
      // <template> marker: React's streaming moves it in before any app script runs.)
      w.__formatted ??= document.querySelector(`${sel} [data-testid="answer"] > :not(template, ${pending})`);
    }).observe(document, { childList: true, subtree: true });
  }, `${chatId}m${MESSAGES - 1}`);
  await page.goto(`/chat/${chatId}`);
  const newest = page.getByTestId("message-assistant").filter({ hasText: `Answer ${last}.` });
  await expect(newest).toBeInViewport();
  // Hydrated: React has attached its fiber to the formatted node the HTML brought.
  await expect
    .poll(() => page.evaluate(() => Object.keys((window as unknown as { __formatted: object | null }).__formatted ?? {}).some((k) => k.startsWith("__reactFiber$"))))
    .toBe(true);
  const kept = await page.evaluate(() => {
    const w = window as unknown as { __formatted: Element; __pendingAfter: number; __removed: number };
    return { connected: w.__formatted.isConnected, pendingAfter: w.__pendingAfter, removed: w.__removed, code: !!w.__formatted.querySelector("pre code") };
  });
  expect(kept).toEqual({ connected: true, pendingAfter: 0, removed: 0, code: true });
  await expect(page.getByTestId("message-scroller")).not.toHaveAttribute("data-opens-at-end");
  await expect.poll(() => atBottom(page)).toBe(true);
});

test("a long chat opened at a search hit in its middle renders the hit, not the end first", async ({ page }) => {
  test.setTimeout(120_000);
  const email = `long-hit-${Date.now()}@example.com`;
  await signUp(page, email);
  const chatId = await seedLongChat(email);
  const turn = 60;
  // Any message of the chat's end that ever enters the page is counted.
  await page.addInitScript((newest) => {
    const w = window as unknown as { __endRendered: number };
    w.__endRendered = 0;
    new MutationObserver((records) => {
      for (const r of records)
        r.addedNodes.forEach((n) => {
          if (n instanceof Element && (n.matches(`[data-message-id="${newest}"]`) || n.querySelector(`[data-message-id="${newest}"]`))) w.__endRendered++;
        });
    }).observe(document, { childList: true, subtree: true });
  }, `${chatId}m${MESSAGES - 1}`);
  await page.goto(`/chat/${chatId}?m=${chatId}m${turn * 2}`);
  const hit = page.locator(".message-highlight").filter({ hasText: `Question ${turn}?` });
  await expect(hit).toBeInViewport();
  await expect(page).toHaveURL(new RegExp(`/chat/${chatId}$`));
  expect(await page.evaluate(() => (window as unknown as { __endRendered: number }).__endRendered)).toBe(0);
});

for (const short of [false, true]) {
  test(`a chat that grows past the windowing threshold keeps the messages it had rendered (${short ? "one-line" : "long"} answers)`, async ({ page }) => {
    test.setTimeout(120_000);
    const email = `long-grow-${short ? "s" : "l"}-${Date.now()}@example.com`;
    await signUp(page, email);
    // 40 messages: the last count shown in full; the next question makes it windowed. (One-line
    // answers are shorter than the windowing's estimate, so its first window, if placed by
    // estimates, would be mid-chat.)
    const chatId = await seedLongChat(email, 40, short ? "short" : "markdown");
    await page.goto(`/chat/${chatId}`);
    const previous = page.getByTestId("message-assistant").filter({ hasText: "Answer 19." });
    await expect(previous).toBeInViewport();
    await expect(page.getByTestId("markdown-pending")).toHaveCount(0);
    await expect(page.getByTestId("message-list")).not.toHaveAttribute("data-virtualized");
    // Every message on screen, remembered by its node.
    await page.evaluate(() => {
      const shown = [...document.querySelectorAll("[data-message-id]")].filter((el) => {
        const r = el.getBoundingClientRect();
        return r.bottom > 0 && r.top < innerHeight;
      });
      (window as unknown as { __kept: Element[] }).__kept = shown;
    });

    await page.getByTestId("composer-input").fill("One more question");
    await page.getByTestId("composer-input").press("Enter");
    await expect(page.getByTestId("message-assistant").last().getByTestId("answer")).toContainText("One more question");
    await expect(page.getByTestId("send-button")).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("message-list")).toHaveAttribute("data-virtualized", "true");
    // The messages that were on screen are the same nodes: switching to the window did not render
    // them again.
    await expect(previous).toBeInViewport();
    const kept = await page.evaluate(() => {
      const before = (window as unknown as { __kept: Element[] }).__kept;
      return { before: before.length, still: before.filter((el) => el.isConnected).length };
    });
    expect(kept.before).toBeGreaterThan(1);
    expect(kept.still).toBe(kept.before);
    await expect.poll(() => atBottom(page)).toBe(true);
  });
}

test("a long chat follows a streaming answer to its end, and stops following when the reader scrolls up", async ({ page }) => {
  test.setTimeout(120_000);
  const email = `follow-${Date.now()}@example.com`;
  await signUp(page, email);
  const chatId = await seedLongChat(email, 200);
  await page.goto(`/chat/${chatId}`);
  await expect.poll(() => atBottom(page)).toBe(true);
  const answer = page.getByTestId("message-assistant").last();
  // The windowing's estimate for the new rows is taller than they are: the view is moved or
  // clamped up as they are measured, which used to stop the following at the answer's first lines.
  await page.getByTestId("composer-input").fill("Thirty samples [[markdown:30]] [[slow:2]]");
  await page.getByTestId("composer-input").press("Enter");
  await expect(answer).toHaveAttribute("data-status", "complete", { timeout: 60_000 });
  await expect(answer.locator("h2")).toHaveCount(30);
  await expect.poll(() => atBottom(page)).toBe(true);

  await page.getByTestId("composer-input").fill("Twenty samples [[markdown:20]] [[slow:10]]");
  await page.getByTestId("composer-input").press("Enter");
  await expect.poll(() => answer.locator("h2").count(), { timeout: 20_000 }).toBeGreaterThan(3);
  await page.getByTestId("message-scroller").hover();
  await page.mouse.wheel(0, -1500);
  await expect(answer).toHaveAttribute("data-status", "complete", { timeout: 60_000 });
  await expect(answer.locator("h2")).toHaveCount(20);
  expect(await atBottom(page)).toBe(false);
});

// Until the view has been still for `count` frames (scroll position and layout) with no skipped
// piece being laid out again: 15 frames outlast the width's settling time (150 ms).
const still = (page: Page, count: number) =>
  page.getByTestId("message-scroller").evaluate(async (el, count) => {
    let last = "";
    for (let same = 0, i = 0; same < count && i < 600; i++) {
      await new Promise((done) => requestAnimationFrame(done));
      const now = `${el.scrollTop} ${el.scrollHeight} ${!!el.querySelector("[data-relayout]")}`;
      same = now === last && !now.endsWith("true") ? same + 1 : 0;
      last = now;
    }
  }, count);

/**
 * The reader goes up to the answer `id` and stops with the view's top `offset` px above its end
 * (its copy button at the top, the last paragraph just above) or in its middle. Returns what they
 * see first, the first paragraph or button of that answer in view, and where it is.
 */
async function readAt(page: Page, id: string, offset: number | "middle") {
  const scroller = page.getByTestId("message-scroller");
  // Up until the windowing has rendered that answer.
  await scroller.evaluate(async (el, id) => {
    for (let i = 0; i < 200 && !document.querySelector(`[data-message-id="${id}"]`); i++) {
      el.scrollTop -= 400;
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    }
  }, id);
  await page.locator(`[data-message-id="${id}"]`).evaluate((el, offset) => {
    const box = el.getBoundingClientRect();
    const scroller = el.closest<HTMLElement>('[data-testid="message-scroller"]')!;
    scroller.scrollTop += box.top - scroller.getBoundingClientRect().top + (offset === "middle" ? box.height / 2 : box.height - offset);
  }, offset);
  await still(page, 5); // the windowing measures what came into view
  const line = await scroller.evaluateHandle((el, id) => {
    const top = el.getBoundingClientRect().top;
    const answer = el.querySelector(`[data-message-id="${id}"]`)!;
    return [...answer.querySelectorAll("p, button")].find((node) => node.getBoundingClientRect().bottom > top + 1)!;
  }, id);
  const seen = await line.evaluate((el, id) => ({ tag: el.tagName, inAnswer: el.closest("[data-message-id]")?.getAttribute("data-message-id") === id, text: el.textContent!.slice(0, 20) }), id);
  expect(seen.inAnswer).toBe(true);
  expect(seen.tag).toBe(offset === "middle" || offset > 40 ? "P" : "BUTTON");
  return {
    text: seen.text,
    top: async () => Math.round(await line.evaluate((el) => el.getBoundingClientRect().top - el.closest('[data-testid="message-scroller"]')!.getBoundingClientRect().top)),
  };
}

/** A windowed chat of `count` messages with three-paragraph answers, open at its end, 1280 px wide. */
async function openProseChat(page: Page, name: string, count: number): Promise<string> {
  await page.setViewportSize({ width: 1280, height: 720 });
  const email = `${name}-${Date.now()}@example.com`;
  await signUp(page, email);
  const chatId = await seedLongChat(email, count, "prose");
  await page.goto(`/chat/${chatId}`);
  await expect.poll(() => atBottom(page)).toBe(true);
  await expect(page.getByTestId("message-list")).toHaveAttribute("data-virtualized", "true");
  await expect(page.getByTestId("markdown-pending")).toHaveCount(0);
  return chatId;
}

/**
 * Reads answer `id` at `offset` (readAt), changes the window's width and waits until all has
 * settled: what the reader saw first must be within 3 px of where it was. The answers above it
 * rewrap (the windowing moves the view for them), and so do the paragraphs above the line in its
 * own answer (the list does); neither may be counted twice.
 */
async function widthChangeKeeps(page: Page, id: string, offset: number | "middle", width: number, label: string) {
  const line = await readAt(page, id, offset);
  const before = await line.top();
  await page.setViewportSize({ width, height: 720 });
  await still(page, 15);
  expect.soft(Math.abs((await line.top()) - before), `${line.text} (${label}, ${offset}, ${width} px)`).toBeLessThan(3);
  expect(await atBottom(page)).toBe(false);
}

test("a windowed chat keeps the text being read in place when the window's width changes", async ({ page }) => {
  test.setTimeout(120_000);
  const chatId = await openProseChat(page, "rewidth-long", 100);
  for (const [turn, offset, width] of [
    [30, 10, 640],
    [25, "middle", 1280],
    [20, 20, 960],
    [15, 60, 1280],
  ] as const) {
    await widthChangeKeeps(page, `${chatId}m${turn * 2 + 1}`, offset, width, `answer ${turn}`);
  }
});

test("a windowed chat keeps the text being read in place while a streamed answer's skipped pieces are laid out again", async ({ page }) => {
  test.setTimeout(120_000);
  await openProseChat(page, "rewidth-stream", 60);
  // Two answers streamed here: their finished pieces are skipped off screen, and laid out again a
  // few per frame once a width change has settled. The first is read with the second below it.
  // (The second is longer, so that its last paragraph is not also in the first.)
  const answers = page.getByTestId("message-assistant");
  for (const n of [40, 45]) {
    await page.getByTestId("composer-input").fill(`Prose [[paragraphs:${n}]] [[slow:1]]`);
    await page.getByTestId("composer-input").press("Enter");
    await expect(answers.last()).toContainText(`Paragraph p${n}:`, { timeout: 60_000 });
    await expect(answers.last()).toHaveAttribute("data-status", "complete", { timeout: 60_000 });
    await expect(answers.last().getByTestId("md-pieces")).toHaveCount(1);
    await expect(page.getByTestId("send-button")).toBeVisible();
  }
  const id = (await answers.nth(-2).getAttribute("data-message-id"))!;
  expect(await answers.nth(-2).getByTestId("md-pieces").locator(":scope > .md-piece-done").count()).toBeGreaterThan(4);
  for (const [offset, width] of [
    [10, 640],
    ["middle", 1280],
    [20, 960],
  ] as const) {
    await widthChangeKeeps(page, id, offset, width, "streamed answer");
  }
});
