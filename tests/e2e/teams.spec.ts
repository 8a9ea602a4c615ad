import type { Browser, Page } from "@playwright/test";
import { expect, test, waitsForHydration } from "../support/e2e-test.ts";
import { signUp, signUpThroughInvite } from "../support/e2e-auth.ts";
import { promoteToAdmin, resetSignupPolicy } from "../support/e2e-db.ts";

// The spec switches the instance to invite-only; whatever happens, later specs find it open again.
test.afterAll(resetSignupPolicy);

const PASSWORD = "correct horse battery";

/** A signed-in admin in its own browser context (the first account, or promoted if specs ran before). */
async function adminPage(browser: Browser): Promise<Page> {
  const page = waitsForHydration(await (await browser.newContext()).newPage());
  const email = `team-admin-${Date.now()}@example.com`;
  await signUp(page, email);
  await promoteToAdmin(email);
  await page.goto("/admin");
  await expect(page.getByTestId("admin-console")).toBeVisible();
  return page;
}

async function ask(page: Page, text: string) {
  await page.getByTestId("composer-input").fill(text);
  await page.getByTestId("composer-input").press("Enter");
}

test("admin invites; the invitee signs up through the link and chats; a member cannot open /admin", async ({ browser }) => {
  const admin = await adminPage(browser);
  const inviteeEmail = `invitee-${Date.now()}@example.com`;

  // Invite-only, so the link is the only way in.
  await admin.getByTestId("admin-tab-signup").click();
  await admin.getByTestId("admin-signup-invite").check();
  await admin.getByTestId("admin-signup-save").click();
  await expect(admin.getByText("Sign-up policy saved.")).toBeVisible();

  await admin.getByTestId("admin-tab-invites").click();
  await admin.getByTestId("admin-invite-email").fill(inviteeEmail);
  await admin.getByTestId("admin-invite-create").click();
  // Every pending invitation's link is listed now; take this invitee's row.
  const link = await admin.locator(`[data-testid="admin-invite-row"][data-email="${inviteeEmail}"]`).getByTestId("admin-invite-url").inputValue();
  expect(link).toContain("/sign-up?invite=");

  const invitee = waitsForHydration(await (await browser.newContext()).newPage());
  await signUpThroughInvite(invitee, link, inviteeEmail, PASSWORD);
  await ask(invitee, "Hello from the invitee");
  await expect(invitee.getByTestId("message-assistant").last().getByTestId("answer")).not.toBeEmpty();
  await expect(invitee.getByTestId("send-button")).toBeVisible();

  // The used link is gone from the pending list; the invitee is a member and /admin answers 403.
  await admin.reload();
  await admin.getByTestId("admin-tab-invites").click();
  await expect(admin.getByText(inviteeEmail)).toHaveCount(0);
  await expect(invitee.getByTestId("nav-admin")).toHaveCount(0);
  const res = await invitee.goto("/admin");
  expect(res?.status()).toBe(403);
  await expect(invitee.getByTestId("forbidden")).toBeVisible();
  expect((await invitee.goto("/admin/usage"))?.status()).toBe(403);
  expect((await invitee.request.get("/api/admin/users")).status()).toBe(403);

  // Open sign-up again for the specs that follow.
  await admin.getByTestId("admin-tab-signup").click();
  await admin.getByTestId("admin-signup-open").check();
  await admin.getByTestId("admin-signup-save").click();
  await expect(admin.getByText("Sign-up policy saved.")).toBeVisible();
  await admin.screenshot({ path: "test-results/screenshots/admin-console.png" });
});

test("an admin disables a member who is signed in elsewhere: their next action is refused and they land on sign-in", async ({ browser }) => {
  const admin = await adminPage(browser);
  const member = waitsForHydration(await (await browser.newContext()).newPage());
  const memberEmail = `disabled-${Date.now()}@example.com`;
  await signUp(member, memberEmail);
  await ask(member, "First question");
  await expect(member.getByTestId("send-button")).toBeVisible();

  await admin.getByTestId("admin-user-search").fill(memberEmail);
  const row = admin.locator(`[data-testid="admin-user-row"][data-email="${memberEmail}"]`);
  await expect(row).toBeVisible();
  await row.getByTestId("admin-disable").click();
  await expect(row.getByTestId("admin-user-status")).toHaveText("Disabled");
  await admin.screenshot({ path: "test-results/screenshots/admin-users.png" });
  await admin.screenshot({ path: "docs/screenshots/admin-users.png" }); // linked from the README

  // The member's tab is still open: the next message is refused, a reload goes to sign-in.
  await ask(member, "Am I still here?");
  await expect(member.getByTestId("chat-error")).toHaveAttribute("data-code", "unauthorized:auth");
  await member.reload();
  await expect(member).toHaveURL(/\/sign-in$/);
  await member.getByLabel("Email").fill(memberEmail);
  await member.getByLabel("Password").fill(PASSWORD);
  await member.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(member.getByTestId("auth-error")).toHaveAttribute("data-code", "account_disabled");

  // The audit log shows who did it.
  await admin.getByTestId("admin-tab-audit").click();
  await expect(admin.locator('[data-testid="admin-audit-row"][data-action="user.disable"]').first()).toContainText(memberEmail);
});
