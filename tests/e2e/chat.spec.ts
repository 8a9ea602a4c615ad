import type { Page } from "@playwright/test";
import { expect, test } from "../support/e2e-test.ts";
import { signUp } from "../support/e2e-auth.ts";
import { promoteToAdmin } from "../support/e2e-db.ts";

const CANARY_API_KEY = "sk-shoal-canary-0123456789abcdef0123456789abcdef";
const shots = "test-results/screenshots";

/** Every response body the browser receives, to prove the DeepSeek key never reaches it. */
function collectBodies(page: Page): string[] {
  const bodies: string[] = [];
  page.on("response", async (res) => {
    try {
      bodies.push(await res.text());
    } catch {
      // redirects and aborted streams have no body
    }
  });
  return bodies;
}

test("sign up, chat with a thinking model, reload, sign out; another user cannot open the chat", async ({ page }) => {
  const bodies = collectBodies(page);

  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.screenshot({ path: `${shots}/sign-in.png` });

  const alice = `alice-${Date.now()}@example.com`;
  await signUp(page, alice);
  // The first account is the admin; other specs may have run first, so make sure.
  await promoteToAdmin(alice);
  await page.reload();
  await expect(page.getByText("Admin", { exact: true })).toBeVisible();

  // The admin console shows DeepSeek's balance (the emulator reports 110.00 CNY, available).
  await page.goto("/admin/usage");
  await expect(page.getByTestId("balance-total")).toHaveText("110.00 CNY");
  await page.getByTestId("balance-refresh").click();
  await expect(page.getByTestId("balance-total")).toHaveText("110.00 CNY");
  await page.screenshot({ path: `${shots}/admin-usage.png` });
  await page.goto("/");

  await expect(page.getByTestId("thinking-toggle")).toHaveAttribute("aria-checked", "true");
  await page.getByTestId("composer-input").fill("How many r are in strawberry?");
  await page.getByTestId("composer-input").press("Enter");

  const answer = page.getByTestId("message-assistant").last();
  await expect(answer.getByTestId("reasoning-panel")).toBeVisible();
  await expect(answer.getByTestId("answer")).toContainText("How many r are in strawberry?");
  await expect(page.getByTestId("send-button")).toBeVisible(); // stream finished
  await expect(page).toHaveURL(/\/chat\/[\w-]+$/);
  const chatUrl = page.url();
  await expect(page.getByTestId("chat-link").first()).toContainText("How many r are in strawberry?");
  await answer.getByTestId("reasoning-toggle").click();
  await expect(answer.getByTestId("reasoning-text")).toContainText("How many r are in strawberry?");
  await page.screenshot({ path: `${shots}/chat-thinking.png` });

  await page.reload();
  const reloaded = page.getByTestId("message-assistant").last();
  await expect(page.getByTestId("message-user")).toContainText("How many r are in strawberry?");
  await expect(reloaded.getByTestId("answer")).toContainText("How many r are in strawberry?");
  await reloaded.getByTestId("reasoning-toggle").click();
  await expect(reloaded.getByTestId("reasoning-text")).toContainText("How many r are in strawberry?");

  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/sign-in$/);

  await signUp(page, `bob-${Date.now()}@example.com`);
  await expect(page.getByText("Admin")).toHaveCount(0);
  await expect(page.getByTestId("chat-list")).not.toContainText("strawberry");
  const res = await page.goto(chatUrl);
  expect(res?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toBeVisible();
  const api = await page.request.get(chatUrl.replace("/chat/", "/api/chats/"));
  expect(api.status()).toBe(404);

  for (const body of bodies) expect(body).not.toContain(CANARY_API_KEY);
});

test("Stop ends the stream and keeps the partial answer", async ({ page }) => {
  await signUp(page, `carol-${Date.now()}@example.com`);
  await page.getByTestId("thinking-toggle").click();
  await expect(page.getByTestId("thinking-toggle")).toHaveAttribute("aria-checked", "false");
  await page.getByTestId("composer-input").fill("Tell me a long story [[long:2000]] [[slow:20]]");
  await page.getByTestId("send-button").click();
  const answer = page.getByTestId("message-assistant").last().getByTestId("answer");
  await expect(answer).toContainText("word3");
  await page.getByTestId("stop-button").click();
  await expect(page.getByTestId("send-button")).toBeVisible();
  const partial = (await answer.textContent()) ?? "";
  expect(partial.length).toBeGreaterThan(0);

  await page.reload();
  const stored = page.getByTestId("message-assistant").last();
  await expect(stored).toHaveAttribute("data-status", "stopped");
  const storedText = (await stored.getByTestId("answer").textContent()) ?? "";
  expect(storedText.length).toBeGreaterThan(0);
  expect(storedText.split(" ").length).toBeLessThan(2000);
});

test("an empty balance shows a clear message, not a stack trace", async ({ page }) => {
  await signUp(page, `dave-${Date.now()}@example.com`);
  await page.getByTestId("composer-input").fill("hello [[error:402]]");
  await page.getByTestId("composer-input").press("Enter");
  const alert = page.getByTestId("chat-error");
  await expect(alert).toHaveAttribute("data-code", "payment_required:deepseek");
  await expect(alert).toContainText("credit has run out");
  await page.screenshot({ path: `${shots}/error-402.png` });
});

test("reloading mid-answer resumes the live stream and nothing is lost", async ({ page }) => {
  await signUp(page, `erin-${Date.now()}@example.com`);
  await page.getByTestId("thinking-toggle").click();
  await page.getByTestId("composer-input").fill("Keep going [[long:400]] [[slow:15]]");
  await page.getByTestId("send-button").click();
  const answer = page.getByTestId("message-assistant").last().getByTestId("answer");
  await expect(answer).toContainText("word5");
  await expect(page).toHaveURL(/\/chat\/[\w-]+$/);
  await page.reload();
  const resumed = page.getByTestId("message-assistant").last();
  await expect(resumed.getByTestId("answer")).toContainText("word400", { timeout: 30_000 });
  await expect(page.getByTestId("send-button")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("message-assistant").last()).toHaveAttribute("data-status", "complete");
  await expect(page.getByTestId("message-assistant").last().getByTestId("answer")).toContainText("word400");
});

test("regenerate and edit keep earlier versions to page between", async ({ page }) => {
  await signUp(page, `frank-${Date.now()}@example.com`);
  await page.getByTestId("thinking-toggle").click();
  await page.getByTestId("composer-input").fill("first question");
  await page.getByTestId("composer-input").press("Enter");
  await expect(page.getByTestId("send-button")).toBeVisible();
  await expect(page.getByTestId("answer")).toContainText("first question");

  await page.getByTestId("regenerate").click();
  const pager = page.getByTestId("message-assistant").last().getByTestId("branch-position");
  await expect(pager).toHaveText("2/2");
  await page.getByTestId("message-assistant").last().getByTestId("branch-prev").click();
  await expect(pager).toHaveText("1/2");

  await page.getByTestId("edit-message").click();
  await page.getByTestId("edit-input").fill("an edited question");
  await page.getByTestId("edit-send").click();
  await expect(page.getByTestId("message-assistant").last().getByTestId("answer")).toContainText("an edited question");
  const userPager = page.getByTestId("message-user").last().getByTestId("branch-position");
  await expect(userPager).toHaveText("2/2");

  await page.reload();
  await expect(page.getByTestId("user-text").last()).toContainText("an edited question");
  await page.getByTestId("message-user").last().getByTestId("branch-prev").click();
  await expect(page.getByTestId("user-text").last()).toContainText("first question");
  // Paging to a version shows its newest answer (the regenerated one).
  await expect(page.getByTestId("message-assistant").last().getByTestId("branch-position")).toHaveText("2/2");
});

test("a reload that lands on another instance resumes the answer through Redis", async ({ page, baseURL }) => {
  const other = baseURL!.replace(/:(\d+)$/, (_, p: string) => `:${Number(p) + 1}`);
  await signUp(page, `gina-${Date.now()}@example.com`);
  await page.getByTestId("thinking-toggle").click();
  await page.getByTestId("composer-input").fill("Across instances [[long:300]] [[slow:15]]");
  await page.getByTestId("send-button").click();
  await expect(page.getByTestId("message-assistant").last().getByTestId("answer")).toContainText("word5");
  await expect(page).toHaveURL(/\/chat\/[\w-]+$/);
  const path = new URL(page.url()).pathname;

  await page.goto(`${other}${path}`); // same session cookie: cookies are per host, not per port
  const resumed = page.getByTestId("message-assistant").last();
  await expect(resumed.getByTestId("answer")).toContainText("word300", { timeout: 30_000 });
  await page.reload();
  await expect(page.getByTestId("message-assistant").last()).toHaveAttribute("data-status", "complete");
});

test("Stop during thinking keeps the partial reasoning", async ({ page }) => {
  await signUp(page, `hana-${Date.now()}@example.com`);
  await expect(page.getByTestId("thinking-toggle")).toHaveAttribute("aria-checked", "true");
  await page.getByTestId("composer-input").fill("Think hard [[reason:3000]] [[slow:10]]");
  await page.getByTestId("send-button").click();
  const answer = page.getByTestId("message-assistant").last();
  await expect(answer.getByTestId("reasoning-panel")).toBeVisible();
  await page.waitForTimeout(500);
  await page.getByTestId("stop-button").click();
  await expect(page.getByTestId("send-button")).toBeVisible();
  await expect(page).toHaveURL(/\/chat\/[\w-]+$/);

  await page.reload();
  const stored = page.getByTestId("message-assistant").last();
  await expect(stored).toHaveAttribute("data-status", "stopped");
  await expect(stored.getByTestId("answer")).toHaveCount(0); // stopped before any answer text
  await stored.getByTestId("reasoning-toggle").click();
  const reasoning = (await stored.getByTestId("reasoning-text").textContent()) ?? "";
  expect(reasoning).toContain("thought1");
  expect(reasoning).not.toContain("thought3000");
});

test("chat settings: chosen before the first message, stored, temperature off while thinking", async ({ page }) => {
  await signUp(page, `ivan-${Date.now()}@example.com`);
  await page.getByTestId("chat-settings-button").click();
  await expect(page.getByTestId("cs-temperature")).toBeDisabled(); // thinking is on: DeepSeek ignores it
  await page.getByTestId("cs-system").fill("You are a terse pirate.");
  await page.getByTestId("cs-max-tokens").fill("200");
  await page.getByTestId("cs-save").click();
  await page.getByTestId("composer-input").fill("ahoy");
  await page.getByTestId("composer-input").press("Enter");
  await expect(page.getByTestId("send-button")).toBeVisible();
  await expect(page).toHaveURL(/\/chat\/[\w-]+$/);

  await page.reload();
  await page.getByTestId("chat-settings-button").click();
  await expect(page.getByTestId("cs-system")).toHaveValue("You are a terse pirate.");
  await expect(page.getByTestId("cs-max-tokens")).toHaveValue("200");
  await page.getByTestId("cs-thinking").uncheck();
  await expect(page.getByTestId("cs-temperature")).toBeEnabled();
});
