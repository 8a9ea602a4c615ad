import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expect, test, waitsForHydration } from "../support/e2e-test.ts";
import { signUp, signUpThroughInvite } from "../support/e2e-auth.ts";
import { promoteToAdmin, resetSignupPolicy } from "../support/e2e-db.ts";

// Issue #4's team flow in one go: an admin invites → the invitee signs up through the link → chats →
// shares the chat with the team → another member opens the link → "Continue in my chats" forks it →
// the fork is in that member's sidebar and they carry on. The spec switches sign-up to invite-only;
// afterAll puts the default policy back whatever happens.
test.afterAll(resetSignupPolicy);

const PASSWORD = "correct horse battery";
const stamp = Date.now();

async function ask(page: Page, text: string) {
  await page.getByTestId("composer-input").fill(text);
  await page.getByTestId("composer-input").press("Enter");
  await expect(page.getByTestId("message-assistant").last().getByTestId("answer")).toContainText(text);
  await expect(page.getByTestId("send-button")).toBeVisible({ timeout: 30_000 });
}

async function newPage(browser: Browser, contexts: BrowserContext[]): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  return waitsForHydration(await context.newPage());
}

test("invite → sign up via the link → chat → share with the team → another member opens it and continues in their chats", async ({ browser }) => {
  test.setTimeout(150_000);
  const contexts: BrowserContext[] = [];
  try {
    // The admin: whoever signed up first is one; this spec never assumes it ran first.
    const admin = await newPage(browser, contexts);
    await admin.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    const adminEmail = `flow-admin-${stamp}@example.com`;
    await signUp(admin, adminEmail);
    await promoteToAdmin(adminEmail);

    // Another member, signed up while sign-up is still open.
    const viewer = await newPage(browser, contexts);
    const viewerEmail = `flow-viewer-${stamp}@example.com`;
    await signUp(viewer, viewerEmail);

    // Invite-only from now on: the invitation link is the only way in.
    await admin.goto("/admin");
    await expect(admin.getByTestId("admin-console")).toBeVisible();
    await admin.getByTestId("admin-tab-signup").click();
    await admin.getByTestId("admin-signup-invite").check();
    await admin.getByTestId("admin-signup-save").click();
    await expect(admin.getByText("Sign-up policy saved.")).toBeVisible();

    const inviteeEmail = `flow-invitee-${stamp}@example.com`;
    await admin.getByTestId("admin-tab-invites").click();
    await admin.getByTestId("admin-invite-email").fill(inviteeEmail);
    await admin.getByTestId("admin-invite-create").click();
    const row = admin.locator(`[data-testid="admin-invite-row"][data-email="${inviteeEmail}"]`);
    const link = await row.getByTestId("admin-invite-url").inputValue();
    expect(link).toMatch(/\/sign-up\?invite=[\w-]{43}$/);

    // The pending link can still be copied after leaving the page (it is kept sealed, not only hashed).
    await admin.goto("/admin?tab=invites");
    await expect(row.getByTestId("admin-invite-url")).toHaveValue(link);
    await row.getByTestId("admin-invite-copy").click();
    // (The button says "Copied" for two seconds; the clipboard is what counts.)
    await expect.poll(() => admin.evaluate(() => navigator.clipboard.readText())).toBe(link);
    await admin.screenshot({ path: "test-results/screenshots/admin-invites.png" });

    const invitee = await newPage(browser, contexts);
    await signUpThroughInvite(invitee, link, inviteeEmail, PASSWORD);

    // The console's Users tab opens the new member's budget (the same form as Team usage), and the
    // public links switch has its own tab.
    await admin.goto("/admin");
    await admin.getByTestId("admin-user-search").fill(inviteeEmail);
    await admin.locator(`[data-testid="admin-user-row"][data-email="${inviteeEmail}"]`).getByTestId("admin-user-budget").click();
    const budget = admin.getByTestId("admin-budget-dialog").getByTestId("user-budget-form");
    await expect(budget).toContainText(inviteeEmail);
    await expect(budget.getByTestId("user-budget-source")).toContainText("role default");
    await admin.screenshot({ path: "test-results/screenshots/admin-user-budget.png" });
    await budget.getByTestId("user-budget-close").click();
    await expect(admin.getByTestId("admin-budget-dialog")).toBeHidden();
    await admin.getByTestId("admin-tab-sharing").click();
    await expect(admin.getByTestId("sharing-public-toggle")).toBeVisible();

    // … chats …
    await ask(invitee, "Why do octopuses have three hearts? team-flow");
    await expect(invitee).toHaveURL(/\/chat\/[\w-]+$/);

    // … and shares the chat with the team from the chat header.
    await invitee.getByTestId("share-button").click();
    const dialog = invitee.getByTestId("share-dialog");
    await dialog.getByTestId("share-team").click();
    await expect(dialog.getByTestId("share-team")).toBeChecked();
    await expect(dialog.getByTestId("share-link")).toHaveValue(/\/s\/[A-Za-z0-9_-]{22}$/);
    const shareLink = new URL(await dialog.getByTestId("share-link").inputValue());
    await invitee.keyboard.press("Escape");

    // The other member opens the link, signed in: the conversation, and who shared it.
    await viewer.goto(shareLink.pathname);
    await expect(viewer.getByTestId("shared-title")).toBeVisible();
    await expect(viewer.getByTestId("shared-by")).toContainText(inviteeEmail);
    await expect(viewer.getByTestId("message-user")).toContainText("Why do octopuses have three hearts? team-flow");
    await expect(viewer.getByTestId("message-assistant").getByTestId("answer")).toContainText("three hearts");

    // "Continue in my chats": a copy of their own, in their sidebar, where they can go on.
    await viewer.getByTestId("fork-button").click();
    await expect(viewer).toHaveURL(/\/chat\/[\w-]+$/);
    const forkId = viewer.url().split("/chat/")[1];
    await expect(viewer.locator(`[data-testid="chat-link"][href="/chat/${forkId}"]`)).toBeVisible();
    await expect(viewer.getByTestId("chat-list")).toContainText("octopuses");
    await ask(viewer, "And how many brains? team-flow-follow-up");
    await expect(viewer.getByTestId("message-user")).toHaveCount(2);
    await viewer.reload();
    await expect(viewer.getByTestId("message-user").last()).toContainText("team-flow-follow-up");
    await viewer.screenshot({ path: "test-results/screenshots/team-flow-fork.png" });

    // The sharer's chat is untouched, and the used invitation is no longer pending.
    await invitee.reload();
    await expect(invitee.getByTestId("message-user")).toHaveCount(1);
    await admin.goto("/admin?tab=invites");
    await expect(admin.getByTestId("admin-invite-form")).toBeVisible();
    await expect(row).toHaveCount(0);
  } finally {
    for (const context of contexts) await context.close();
  }
});
