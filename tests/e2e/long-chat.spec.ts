import { expect, test } from "@playwright/test";

const TURNS = 250; // 500 messages

test("a 500-message chat opens windowed and scrolls without long frames", async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(`long-${Date.now()}@example.com`);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("composer-input")).toBeVisible();

  // Seed through the real chat endpoint, as the browser would send it.
  const chatId = `long${Date.now()}`;
  for (let i = 0; i < TURNS; i++) {
    const text = i % 10 === 0 ? `Question ${i} [[markdown:1]]` : `Question ${i} [[long:12]]`;
    const res = await page.request.post("/api/chat", {
      data: { id: chatId, message: { id: `${chatId}m${i}`, role: "user", parts: [{ type: "text", text }] }, model: "deepseek-flash", thinking: false },
    });
    expect(res.status()).toBe(200);
    await res.body();
  }

  const started = Date.now();
  await page.goto(`/chat/${chatId}`);
  await expect(page.getByTestId("message-user").filter({ hasText: `Question ${TURNS - 1}` })).toBeVisible();
  const openMs = Date.now() - started;
  await expect(page.getByTestId("message-list")).toHaveAttribute("data-virtualized", "true");
  const rendered = await page.locator("[data-testid=message-user], [data-testid=message-assistant]").count();
  expect(rendered).toBeLessThan(60);

  // Scroll from the bottom to the top in steps; record the longest gap between animation frames.
  const { maxFrameMs, frames } = await page.evaluate(async () => {
    const el = document.querySelector<HTMLElement>('[data-testid="message-scroller"]')!;
    let last = performance.now();
    let max = 0;
    let count = 0;
    let running = true;
    const loop = (t: number) => {
      max = Math.max(max, t - last);
      last = t;
      count++;
      if (running) requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
    for (let i = 0; i < 2000 && el.scrollTop > 0; i++) {
      el.scrollTop -= 800;
      await new Promise((r) => requestAnimationFrame(() => r(null)));
    }
    running = false;
    return { maxFrameMs: Math.round(max), frames: count };
  });
  console.log(`[long-chat] ${TURNS * 2} messages: opened in ${openMs} ms, ${rendered} messages in the DOM, scroll to top: ${frames} frames, longest frame ${maxFrameMs} ms`);
  test.info().annotations.push({ type: "perf", description: `open ${openMs} ms; DOM messages ${rendered}; longest frame ${maxFrameMs} ms over ${frames} frames` });
  await expect(page.getByTestId("message-user").filter({ hasText: /Question 0$/ })).toBeVisible();
  expect(maxFrameMs).toBeLessThan(250);
  await page.screenshot({ path: "test-results/screenshots/long-chat-top.png" });
});
