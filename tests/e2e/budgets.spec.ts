import type { Page } from "@playwright/test";
import { expect, loadedAt, test } from "../support/e2e-test.ts";
import { signUp } from "../support/e2e-auth.ts";
import { promoteToAdmin } from "../support/e2e-db";

const shots = "test-results/screenshots";

async function ask(page: Page, text: string) {
  await page.getByTestId("composer-input").fill(text);
  await page.getByTestId("composer-input").press("Enter");
  await expect(page.getByTestId("send-button")).toBeVisible({ timeout: 30_000 });
}


test("admin sets a user's budget from Team usage; the chat warns at 80 % and refuses at the limit with when it resets", async ({ page }) => {
  test.setTimeout(120_000);
  const email = `budget-${Date.now()}@example.com`;
  await signUp(page, email);
  await promoteToAdmin(email);
  await ask(page, "Spend a few tokens please");

  // Team usage → the user's row → Budget… shows spend, role default and the limit in effect.
  await page.goto("/admin/usage");
  const row = page.getByTestId("usage-by-user").locator(`tr[data-row-key="${email}"]`);
  await row.getByTestId("user-budget-open").click();
  const form = page.getByTestId("user-budget-form");
  await expect(form).toContainText(email);
  await expect(page.getByTestId("user-budget-source")).toContainText("role default");
  const spent = Number((await page.getByTestId("user-budget-spent-monthlyTokens").textContent())!.replace(/[^\d]/g, ""));
  expect(spent).toBeGreaterThan(0);
  await expect(page.getByTestId("user-budget-effective-monthlyTokens")).toHaveText("no limit");

  // An override just above what is spent: the next request runs at ≥ 80 % of it.
  await page.getByTestId("user-budget-monthlyTokens").fill(String(Math.ceil(spent / 0.85)));
  await page.getByTestId("user-budget-save").click();
  await expect(form.getByRole("status")).toHaveText("Saved.");
  await expect(page.getByTestId("user-budget-effective-monthlyTokens")).toHaveAttribute("data-source", "override");
  await expect(page.getByTestId("user-budget-source")).toContainText("own budget");
  await page.screenshot({ path: `${shots}/user-budget-form.png`, fullPage: true });

  await page.goto("/");
  await ask(page, "Another question near the limit");
  const warning = page.getByTestId("budget-warning");
  await expect(warning).toContainText(/You have used \d+ % of your monthly budget; it resets on /);
  await page.screenshot({ path: `${shots}/budget-warning.png` });
  await page.getByTestId("budget-warning-dismiss").click();
  await expect(warning).toHaveCount(0);

  // Now over the limit: refused before DeepSeek, with the reset time, and no empty chat in the list.
  const chatsBefore = await page.getByTestId("chat-item").count();
  await page.getByTestId("new-chat").click();
  await loadedAt(page, "/");
  await page.getByTestId("composer-input").fill("One more, over budget");
  await page.getByTestId("composer-input").press("Enter");
  const refusal = page.getByTestId("budget-refusal");
  await expect(refusal).toContainText(/Your monthly budget is used up\. It resets on /);
  const resetsAt = new Date((await refusal.getAttribute("data-resets-at"))!);
  expect(resetsAt.getUTCDate()).toBe(1);
  await page.goto("/");
  await expect(page.getByTestId("chat-item")).toHaveCount(chatsBefore);

  // Back to the role default.
  await page.goto("/admin/usage");
  await page.getByTestId("usage-by-user").locator(`tr[data-row-key="${email}"]`).getByTestId("user-budget-open").click();
  await page.getByTestId("user-budget-reset").click();
  await expect(page.getByTestId("user-budget-source")).toContainText("role default");
});

test("the admin's display currency switches the usage pages between USD and CNY", async ({ page }) => {
  const email = `currency-${Date.now()}@example.com`;
  await signUp(page, email);
  await promoteToAdmin(email);
  await ask(page, "Cost me something");
  await page.goto("/usage");
  await expect(page.getByTestId("usage-cost")).toContainText("$");

  await page.goto("/admin/usage");
  await page.getByTestId("display-currency").selectOption("CNY");
  await page.getByTestId("settings-save").click();
  await expect(page.getByTestId("usage-by-model")).toContainText("(CNY)");
  await expect(page.getByTestId("usage-cost")).toContainText("¥");
  await page.goto("/usage");
  await expect(page.getByTestId("usage-cost")).toContainText("¥");
  await expect(page.getByTestId("usage-cost")).not.toContainText("$");

  await page.goto("/admin/usage");
  await page.getByTestId("display-currency").selectOption("USD");
  await page.getByTestId("settings-save").click();
  await expect(page.getByTestId("usage-cost")).toContainText("$");
});

test("deleting a chat shows Undo for a few seconds; Undo brings it back", async ({ page }) => {
  await signUp(page, `undo-${Date.now()}@example.com`);
  await ask(page, "Keep me please");
  const item = page.getByTestId("chat-item").filter({ hasText: "Keep me please" });
  await expect(item).toHaveCount(1);
  await item.getByTestId("chat-actions").click();
  await page.getByTestId("chat-delete").click();
  await page.getByTestId("confirm-delete").click();
  await expect(item).toHaveCount(0);
  await expect(page).toHaveURL(/\/$/);
  const toast = page.getByTestId("undo-toast");
  await expect(toast).toContainText("Chat deleted");
  await page.getByTestId("undo-delete").click();
  await expect(toast).toContainText("Chat restored");
  await expect(item).toHaveCount(1);
  // The chat that was open is opened again, with its messages.
  await expect(page).toHaveURL(/\/chat\//);
  await expect(page.getByTestId("message-user")).toContainText("Keep me please");
  await page.reload();
  await expect(item).toHaveCount(1);

  // Without Undo the toast goes away and the chat stays deleted.
  await item.getByTestId("chat-actions").click();
  await page.getByTestId("chat-delete").click();
  await page.getByTestId("confirm-delete").click();
  await expect(toast).toBeVisible();
  await expect(toast).toHaveCount(0, { timeout: 15_000 });
  await page.reload();
  await expect(item).toHaveCount(0);
});
