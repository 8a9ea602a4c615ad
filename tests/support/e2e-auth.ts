// Signing up through the real sign-up page, as a person does (every e2e spec starts here).
import { expect, type Page } from "@playwright/test";
import { hydrated } from "./e2e-test.ts";

export const E2E_PASSWORD = "correct horse battery";

/** Creates an account on /sign-up and waits for the chat to be ready. */
export async function signUp(page: Page, email: string, password = E2E_PASSWORD): Promise<void> {
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("composer-input")).toBeVisible();
  await hydrated(page);
}

/** A fresh address per call: `<prefix>-<time>-<random>@example.com`. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.com`;
}

/**
 * Signs up through an invitation link on an invite-only instance: plain /sign-up is refused, the
 * link shows the invitation with its email filled in. The link is built on the public URL
 * (AUTH_URL, "localhost" in the e2e stack); it is followed on the address the browser uses.
 */
export async function signUpThroughInvite(page: Page, link: string, email: string, password = E2E_PASSWORD): Promise<void> {
  await page.goto("/sign-up");
  await expect(page.getByTestId("signup-unavailable")).toBeVisible();
  const { pathname, search } = new URL(link);
  await page.goto(pathname + search);
  await expect(page.getByTestId("invite-banner")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("composer-input")).toBeVisible();
  await hydrated(page);
}
