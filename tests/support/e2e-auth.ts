// Signing up through the real sign-up page, as a person does (every e2e spec starts here).
import { expect, type Page } from "@playwright/test";

export const E2E_PASSWORD = "correct horse battery";

/** Creates an account on /sign-up and waits for the chat to be ready. */
export async function signUp(page: Page, email: string, password = E2E_PASSWORD): Promise<void> {
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("composer-input")).toBeVisible();
}

/** A fresh address per call: `<prefix>-<time>-<random>@example.com`. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.com`;
}
