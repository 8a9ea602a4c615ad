import type { Page } from "@playwright/test";
import { expect, loadedAt, test, waitsForHydration } from "../support/e2e-test.ts";

const shots = "test-results/screenshots";
const PASSWORD = "correct horse battery";

async function signUpHere(page: Page, email: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
}

async function ask(page: Page, text: string) {
  await page.getByTestId("composer-input").fill(text);
  await page.getByTestId("composer-input").press("Enter");
  await expect(page.getByTestId("message-assistant").last().getByTestId("answer")).toContainText(text);
  await expect(page.getByTestId("send-button")).toBeVisible({ timeout: 30_000 });
}

/** CSP violations the page reports (the shared view must run under the same policy as the app). */
async function watchCsp(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}

async function setVisibility(page: Page, visibility: "team" | "public"): Promise<string> {
  await page.getByTestId("share-button").click();
  const dialog = page.getByTestId("share-dialog");
  await dialog.getByTestId(`share-${visibility}`).click();
  await expect(dialog.getByTestId(`share-${visibility}`)).toBeChecked();
  await expect(dialog.getByTestId("share-link")).toHaveValue(/\/s\/[A-Za-z0-9_-]{22}$/);
  await expect(dialog.getByTestId("share-since")).toBeVisible();
  return dialog.getByTestId("share-link").inputValue();
}

test("share with the team → another member opens it, continues in their chats; a public link opens signed out; revoke → 404", async ({ page, browser }) => {
  // User A has a chat with a thinking answer.
  await page.goto("/sign-up");
  const aliceEmail = `share-a-${Date.now()}@example.com`;
  await signUpHere(page, aliceEmail);
  await expect(page.getByTestId("composer-input")).toBeVisible();
  await ask(page, "Why is the sea salty? sharing-e2e");
  await expect(page).toHaveURL(/\/chat\/[\w-]+$/);

  const teamLink = await setVisibility(page, "team");
  await page.screenshot({ path: `${shots}/share-dialog.png` });
  await page.screenshot({ path: "docs/screenshots/share-dialog.png" }); // linked from the README
  await page.keyboard.press("Escape");

  // User B, in another browser context: the team link asks to sign in, then comes back to it.
  const bContext = await browser.newContext();
  const b = waitsForHydration(await bContext.newPage());
  const bCsp = await watchCsp(b);
  await b.goto(teamLink);
  await expect(b).toHaveURL(/\/sign-in\?next=/);
  await b.getByRole("link", { name: "Create account" }).click();
  await expect(b).toHaveURL(/\/sign-up\?next=/);
  await signUpHere(b, `share-b-${Date.now()}@example.com`);
  await expect(b).toHaveURL(teamLink);
  await expect(b.getByTestId("shared-title")).toBeVisible();
  await expect(b.getByTestId("shared-by")).toContainText(aliceEmail); // members may see who shared it
  await expect(b.getByTestId("message-user")).toContainText("Why is the sea salty? sharing-e2e");
  const shared = b.getByTestId("message-assistant");
  await expect(shared.getByTestId("answer")).toContainText("Why is the sea salty?");
  await expect(shared.getByTestId("reasoning-toggle")).toHaveAttribute("aria-expanded", "false"); // reasoning collapsed
  await expect(shared.getByTestId("reasoning-text")).toHaveCount(0);
  await b.screenshot({ path: `${shots}/shared-team.png` });
  expect(await bCsp()).toEqual([]);

  // Continue in my chats: B lands in a copy of their own, listed in the sidebar, and can go on.
  await b.getByTestId("fork-button").click();
  await expect(b).toHaveURL(/\/chat\/[\w-]+$/);
  await expect(b.getByTestId("chat-link").first()).toBeVisible();
  await expect(b.getByTestId("chat-list")).toContainText("sea salty");
  await expect(b.getByTestId("message-user").first()).toContainText("Why is the sea salty? sharing-e2e");
  await ask(b, "And the Dead Sea? follow-up-by-b");
  await expect(b.getByTestId("message-user")).toHaveCount(2);
  await b.reload();
  await expect(b.getByTestId("message-user").last()).toContainText("follow-up-by-b");

  // A's chat is untouched by B's continuation.
  await page.reload();
  await expect(page.getByTestId("message-user")).toHaveCount(1);

  // Public: opens with nobody signed in, without A's email, under the CSP.
  const publicLink = await setVisibility(page, "public");
  expect(publicLink).toBe(teamLink);
  await page.keyboard.press("Escape");
  const anonContext = await browser.newContext();
  const anon = waitsForHydration(await anonContext.newPage());
  const anonCsp = await watchCsp(anon);
  const opened = await anon.goto(publicLink);
  expect(opened?.status()).toBe(200);
  expect(opened?.headers()["content-security-policy"]).toContain("'nonce-");
  await expect(anon.getByTestId("shared-title")).toBeVisible();
  await expect(anon.getByTestId("answer")).toContainText("Why is the sea salty?");
  await expect(anon.getByTestId("shared-by")).toContainText("a team member");
  expect(await anon.content()).not.toContain(aliceEmail);
  await expect(anon.getByTestId("fork-sign-in")).toBeVisible();
  await anon.screenshot({ path: `${shots}/shared-public.png` });
  await anon.screenshot({ path: "docs/screenshots/shared-public.png" }); // linked from the README
  expect(await anonCsp()).toEqual([]);

  // Revoke: the link is gone at once, for everyone. (The admin switch for public links is covered by
  // tests/integration/sharing.test.ts: in a full e2e run this user is not the first account, so not an admin.)
  await page.getByTestId("share-button").click();
  await page.getByTestId("share-revoke").click();
  await expect(page.getByTestId("share-private")).toBeChecked();
  await expect(page.getByTestId("share-link")).toHaveCount(0);
  const gone = await anon.goto(publicLink);
  expect(gone?.status()).toBe(404);
  await expect(anon.getByTestId("not-found")).toBeVisible();
  expect((await b.goto(teamLink))?.status()).toBe(404);

  await bContext.close();
  await anonContext.close();
});

test("a preset saved on the presets page starts a chat with its settings", async ({ page }) => {
  await page.goto("/sign-up");
  await signUpHere(page, `preset-${Date.now()}@example.com`);
  await expect(page.getByTestId("composer-input")).toBeVisible();
  await page.getByTestId("nav-presets").click();
  await loadedAt(page, "/settings/presets");
  await expect(page.getByTestId("presets-page")).toBeVisible();
  await page.getByTestId("preset-new").click();
  await page.getByTestId("preset-name").fill("Pirate");
  await page.getByTestId("preset-system").fill("Talk like a pirate.");
  await page.getByTestId("preset-save").click();
  const item = page.getByTestId("preset-item").filter({ hasText: "Pirate" });
  await expect(item).toBeVisible();
  await item.getByTestId("preset-publish").click();
  await expect(item.getByTestId("preset-badge")).toHaveText("Team");
  await page.screenshot({ path: `${shots}/presets.png` });

  await item.getByTestId("preset-start").click(); // a plain link: a new page
  await loadedAt(page, /\/\?preset=/);
  await expect(page.getByTestId("preset-picker")).toHaveValue(/.+/);
  await page.getByTestId("chat-settings-button").click();
  await expect(page.getByTestId("cs-system")).toHaveValue("Talk like a pirate.");
  await page.keyboard.press("Escape");
  await ask(page, "Hello there preset-e2e");
  // The stored chat carries the preset's system prompt.
  const id = page.url().split("/chat/")[1];
  const chat = (await (await page.request.get(`/api/chats/${id}`)).json()) as { chat: { settings: { systemPrompt: string } } };
  expect(chat.chat.settings.systemPrompt).toBe("Talk like a pirate.");
});
