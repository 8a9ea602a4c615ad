import type { Page } from "@playwright/test";
import { expect, test } from "../support/e2e-test.ts";
import { signUp } from "../support/e2e-auth.ts";

test("an answer cut by max tokens shows Continue, and continuing extends the same message", async ({ page }) => {
  await signUp(page, `continue-${Date.now()}@example.com`);
  await page.getByTestId("thinking-toggle").click();
  await expect(page.getByTestId("thinking-toggle")).toHaveAttribute("aria-checked", "false");
  await page.getByTestId("chat-settings-button").click();
  await page.getByTestId("cs-max-tokens").fill("4");
  await page.getByTestId("cs-save").click();

  // The emulator answers [[long:10]] with word1 … word10; at most 4 tokens per request.
  await page.getByTestId("composer-input").fill("count [[long:10]]");
  await page.getByTestId("composer-input").press("Enter");
  const answers = page.getByTestId("message-assistant");
  await expect(answers.last().getByTestId("answer")).toHaveText("word1 word2 word3 word4");
  await expect(answers.last().getByTestId("message-truncated")).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/continue-truncated.png" });
  const messageId = await answers.last().getAttribute("data-message-id");

  // The button survives a reload (the finish reason is stored).
  await page.reload();
  await expect(page.getByTestId("continue")).toBeVisible();
  await page.getByTestId("continue").click();
  await expect(answers.last().getByTestId("answer")).toHaveText("word1 word2 word3 word4 word5 word6 word7 word8");
  await expect(page.getByTestId("send-button")).toBeVisible();
  await expect(answers).toHaveCount(1);
  await expect(answers.last()).toHaveAttribute("data-message-id", messageId!);

  await page.getByTestId("continue").click();
  await expect(answers.last().getByTestId("answer")).toHaveText("word1 word2 word3 word4 word5 word6 word7 word8 word9 word10");
  await expect(page.getByTestId("send-button")).toBeVisible();
  await expect(page.getByTestId("continue")).toHaveCount(0);
  await expect(answers.last().getByTestId("message-truncated")).toHaveCount(0);

  await page.reload();
  await expect(answers).toHaveCount(1);
  await expect(answers.last()).toHaveAttribute("data-message-id", messageId!);
  await expect(answers.last().getByTestId("answer")).toHaveText("word1 word2 word3 word4 word5 word6 word7 word8 word9 word10");
  await expect(page.getByTestId("continue")).toHaveCount(0);
});

test("a stopped answer can be continued too", async ({ page }) => {
  await signUp(page, `continue-stop-${Date.now()}@example.com`);
  await page.getByTestId("thinking-toggle").click();
  await page.getByTestId("composer-input").fill("slowly [[long:400]] [[slow:30]]");
  await page.getByTestId("composer-input").press("Enter");
  const answer = page.getByTestId("message-assistant").last();
  await expect(answer.getByTestId("answer")).toContainText("word3");
  await page.getByTestId("stop-button").click();
  await expect(answer).toHaveAttribute("data-status", "stopped");
  const before = (await answer.getByTestId("answer").textContent()) ?? "";
  expect(before).not.toContain("word400");

  await page.getByTestId("continue").click();
  await expect(answer.getByTestId("answer")).toContainText("word400", { timeout: 30_000 });
  await expect(page.getByTestId("send-button")).toBeVisible();
  const after = (await answer.getByTestId("answer").textContent()) ?? "";
  expect(after.startsWith(before.trim())).toBe(true);
  await expect(page.getByTestId("message-assistant")).toHaveCount(1);
});
