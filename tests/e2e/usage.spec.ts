import type { Page } from "@playwright/test";
import { expect, loadedAt, test } from "../support/e2e-test.ts";
import { signUp } from "../support/e2e-auth.ts";
import OpenAI from "openai";

const shots = "test-results/screenshots";

async function ask(page: Page, text: string) {
  await page.getByTestId("composer-input").fill(text);
  await page.getByTestId("composer-input").press("Enter");
  await expect(page.getByTestId("send-button")).toBeVisible({ timeout: 30_000 });
}

test("a personal API token is shown once, works with the openai SDK, and stops working when revoked", async ({ page, baseURL }) => {
  await signUp(page, `dev-${Date.now()}@example.com`);
  await page.getByTestId("nav-usage").click();
  await loadedAt(page, "/usage");
  await page.getByTestId("tokens-link").click();
  await expect(page).toHaveURL(/\/settings\/tokens$/);
  await page.getByTestId("token-name").fill("my script");
  await page.getByTestId("token-create").click();
  const token = (await page.getByTestId("token-secret").textContent())!.trim();
  expect(token).toMatch(/^shoal-/);
  await page.screenshot({ path: `${shots}/api-tokens.png` });

  const openai = new OpenAI({ baseURL: `${baseURL}/api/v1`, apiKey: token, maxRetries: 0 });
  const completion = await openai.chat.completions.create({ model: "deepseek-chat", messages: [{ role: "user", content: "Hello from a script" }] });
  expect(completion.choices[0].message.content).toContain("Hello from a script");

  await page.reload();
  await expect(page.getByTestId("token-row")).toHaveCount(1);
  await expect(page.getByTestId("token-secret")).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText(token);
  await page.getByTestId("token-revoke").click();
  await expect(page.getByTestId("token-row")).toContainText("Revoked");
  await expect(openai.models.list()).rejects.toMatchObject({ status: 401 });
});

test("My usage shows a chat's tokens, cost and cache hits in charts", async ({ page }) => {
  await signUp(page, `usage-${Date.now()}@example.com`);
  const long = `Summarise: ${"The quick brown fox jumps over the lazy dog. ".repeat(20)}`;
  await ask(page, long);
  await ask(page, "And shorter?");
  await page.getByTestId("nav-usage").click();
  await expect(page).toHaveURL(/\/usage$/);
  await expect(page.getByTestId("usage-requests")).toHaveText("2");
  await expect(page.getByTestId("usage-cost")).toContainText("$0.0");
  await expect(page.getByTestId("usage-cache-rate")).not.toHaveText("0.0%");
  await expect(page.getByTestId("chart-by-day").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.getByTestId("chart-by-model").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.getByTestId("usage-by-model")).toContainText("deepseek-flash");
  await page.screenshot({ path: `${shots}/usage.png`, fullPage: true });
});

test("a 402 from DeepSeek tells a member the credit ran out and that an admin was notified", async ({ page }) => {
  await signUp(page, `member-${Date.now()}@example.com`);
  const isAdmin = await page.getByText("Admin", { exact: true }).isVisible();
  await ask(page, "hello [[error:402]]");
  const error = page.getByTestId("chat-error");
  await expect(error).toHaveAttribute("data-code", "payment_required:deepseek");
  await expect(error).toHaveText(
    isAdmin
      ? "The DeepSeek balance is empty (402). Top up at platform.deepseek.com, then refresh the balance under Usage → Team usage."
      : "The team's DeepSeek credit has run out; an admin has been notified.",
  );
});
