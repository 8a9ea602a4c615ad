import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, loadedAt, test } from "../support/e2e-test.ts";
import { signUp } from "../support/e2e-auth.ts";

const shots = "test-results/screenshots";
const fixture = (name: string) => path.resolve(import.meta.dirname, "../fixtures/import", name);
const PASSWORD = "correct horse battery";

test("export a chat, import ChatGPT history twice, refuse a bad file, then delete the account", async ({ page }) => {
  const email = `porter-${Date.now()}@example.com`;
  await signUp(page, email);
  await page.getByTestId("composer-input").fill("Name three freshwater fish");
  await page.getByTestId("composer-input").press("Enter");
  await expect(page.getByTestId("message-assistant").last().getByTestId("answer")).toContainText("Name three freshwater fish");
  await expect(page.getByTestId("send-button")).toBeVisible();

  await page.getByTestId("settings-data-link").click(); // a plain link: a new page
  await loadedAt(page, "/settings/data");
  await expect(page.getByTestId("export-chat-list")).toContainText("Name three freshwater fish");

  const [markdown] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-md-reasoning").first().click()]);
  // The provisional title or the automatic one that follows the first answer.
  expect(markdown.suggestedFilename()).toMatch(/Name three freshwater fish.*\.md$/);
  const md = fs.readFileSync((await markdown.path())!, "utf8");
  expect(md).toContain("### You\n\nName three freshwater fish");
  expect(md).toContain("<summary>Reasoning</summary>");

  const [all] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-all").click()]);
  const exported = JSON.parse(fs.readFileSync((await all.path())!, "utf8")) as { format: string; chats: unknown[] };
  expect(exported).toMatchObject({ format: "shoal-export", version: 1 });
  expect(exported.chats).toHaveLength(1);

  await page.getByTestId("import-file").setInputFiles(fixture("chatgpt-conversations.json"));
  await expect(page.getByTestId("import-done")).toHaveText("Done: 3 imported, 1 skipped.");
  await expect(page.getByTestId("import-result-imported")).toHaveCount(3);
  await expect(page.getByTestId("import-result-skipped")).toContainText("Broken conversation");
  await expect(page.getByTestId("import-results")).toContainText("attachments and images were left out");
  await expect(page.getByTestId("chat-list")).toContainText("数据分析：销售表格");
  await page.screenshot({ path: `${shots}/settings-data-import.png`, fullPage: true });

  await page.getByTestId("import-file").setInputFiles(fixture("chatgpt-conversations.json"));
  await expect(page.getByTestId("import-done")).toHaveText("Done: 0 imported, 4 skipped.");
  await expect(page.getByTestId("import-result-skipped").first()).toContainText("already imported from this file");

  await page.getByTestId("import-file").setInputFiles({ name: "notes.json", mimeType: "application/json", buffer: Buffer.from('{"notes": []}') });
  await expect(page.getByTestId("import-error")).toContainText("not a format Shoal can import");

  await page.getByTestId("chat-list").getByText("Sourdough starter help").click();
  await expect(page.getByTestId("message-user").first()).toContainText("sourdough");

  await page.goto("/settings/data");
  await page.getByTestId("delete-email").fill(email);
  await page.getByTestId("delete-password").fill("wrong password");
  await page.getByTestId("delete-account").click();
  await expect(page.getByTestId("delete-error")).toBeVisible();
  await page.getByTestId("delete-password").fill(PASSWORD);
  await page.getByTestId("delete-account").click();
  await expect(page).toHaveURL(/\/sign-in$/);

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("Email or password is wrong.")).toBeVisible();
});
