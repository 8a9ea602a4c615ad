import type { Page } from "@playwright/test";
import { expect, hydrated, test } from "../support/e2e-test.ts";

// The e2e stack (tests/support/e2e-server.ts) runs a real OpenID Connect provider on PORT + 10 and
// configures the app with it as "Local IdP". The flow starts on localhost because that is the
// origin Next.js gives Auth.js for 127.0.0.1, so the callback (and its state/PKCE cookies) is there.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const APP = `http://localhost:${PORT}`;
const IDP = `http://127.0.0.1:${PORT + 10}`;

function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (/content security policy/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

async function signInAtIdp(page: Page, login: string) {
  await page.goto(`${APP}/sign-in`);
  await page.getByRole("button", { name: "Sign in with Local IdP" }).click();
  await expect(page).toHaveURL(new RegExp(`^${IDP}/interaction/`));
  await page.getByLabel("Username").fill(login);
  await page.getByLabel("Password").fill("idp-password");
  await page.getByRole("button", { name: "Continue" }).click();
}

test("Sign in with Local IdP: log in at the provider and land in the chat, signed in", async ({ page }) => {
  const violations = cspViolations(page);
  await signInAtIdp(page, "oidc-e2e");
  await expect(page).toHaveURL(`${APP}/`);
  await hydrated(page); // the provider's redirects end in a full page load
  await expect(page.getByText("oidc-e2e@example.com")).toBeVisible();

  await page.getByTestId("composer-input").fill("Hello from single sign-on");
  await page.getByTestId("composer-input").press("Enter");
  await expect(page.getByTestId("message-assistant").last().getByTestId("answer")).toContainText("Hello from single sign-on");
  expect(violations).toEqual([]);
});

test("an identity whose email the provider has not verified is refused with a clear message", async ({ page }) => {
  await signInAtIdp(page, "oidc-unverified");
  await expect(page).toHaveURL(`${APP}/sign-in?error=unverified_email`);
  await expect(page.getByTestId("sso-error")).toContainText("no verified email address");
  await page.goto(`${APP}/`);
  await expect(page).toHaveURL(/\/sign-in$/);
});
