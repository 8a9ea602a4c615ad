import type { Page } from "@playwright/test";
import { expect, test } from "../support/e2e-test.ts";
import { signUp } from "../support/e2e-auth.ts";

/** Drop files on the composer the way a browser does (dragover, then drop with a DataTransfer). */
async function dropFiles(page: Page, files: Array<{ name: string; type: string; content: string }>) {
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.content], f.name, { type: f.type }));
    return dt;
  }, files);
  const composer = page.getByTestId("composer");
  await composer.dispatchEvent("dragenter", { dataTransfer });
  await composer.dispatchEvent("dragover", { dataTransfer });
  await composer.dispatchEvent("drop", { dataTransfer });
}

test("attach by button and by drop, refuse images and binaries, send, view; long paste becomes an attachment", async ({ page }) => {
  await signUp(page, `attach-${Date.now()}@example.com`);
  await page.getByTestId("thinking-toggle").click();
  const chips = page.getByTestId("composer-attachments").getByTestId("attachment-chip");

  await page.getByTestId("attach-input").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("The secret word is pelican.\n") });
  await expect(chips).toHaveCount(1);
  await expect(chips.first().getByTestId("attachment-name")).toHaveText("notes.txt");
  await expect(chips.first().getByTestId("attachment-size")).toHaveText("28 B");

  await dropFiles(page, [
    { name: "main.rs", type: "", content: 'fn main() { println!("hi"); }\n' },
    { name: "drop-me.md", type: "text/markdown", content: "# removed before sending\n" },
  ]);
  await expect(chips).toHaveCount(3);
  await chips.nth(2).getByTestId("attachment-remove").click();
  await expect(chips).toHaveCount(2);

  // Images: refused with the explanation that DeepSeek's text models take no images.
  await page.getByTestId("attach-input").setInputFiles({ name: "cat.png", mimeType: "image/png", buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) });
  await expect(page.getByTestId("attachment-error")).toHaveAttribute("data-reason", "image");
  await expect(page.getByTestId("attachment-error")).toContainText("can't read images");
  // A binary file with a text name: refused by content.
  await page.getByTestId("attach-input").setInputFiles({ name: "data.txt", mimeType: "text/plain", buffer: Buffer.from([0x68, 0x00, 0x69, 0x00]) });
  await expect(page.getByTestId("attachment-error")).toHaveAttribute("data-reason", "binary");
  await expect(chips).toHaveCount(2);
  await page.screenshot({ path: "test-results/screenshots/attachments-composer.png" });

  await page.getByTestId("composer-input").fill("What is the secret word?");
  await page.getByTestId("composer-input").press("Enter");
  const question = page.getByTestId("message-user").last();
  await expect(question.getByTestId("attachment-name")).toHaveText(["notes.txt", "main.rs"]);
  await expect(question.getByTestId("user-text")).toContainText("What is the secret word?");
  await expect(chips).toHaveCount(0);
  // The emulator echoes what it received: the file content reached DeepSeek.
  const answer = page.getByTestId("message-assistant").last().getByTestId("answer");
  await expect(answer).toContainText("The secret word is pelican.");
  await expect(answer).toContainText("What is the secret word?");
  await expect(page.getByTestId("send-button")).toBeVisible();

  // Sent attachments open in a viewer, and survive a reload.
  await page.reload();
  await page.getByTestId("message-user").last().getByRole("button", { name: "Open notes.txt" }).click();
  await expect(page.getByTestId("attachment-content")).toHaveText("The secret word is pelican.\n");
  await page.screenshot({ path: "test-results/screenshots/attachments-viewer.png" });
  await page.getByTestId("attachment-viewer").getByRole("button", { name: "Close" }).click();
  await expect(page.getByTestId("attachment-content")).toHaveCount(0);

  // A paste over 4,000 characters becomes a "Pasted text" chip instead of filling the box.
  // (One long "word": the emulator streams it as one token, so the echo stays quick.)
  const long = `${"x".repeat(4_500)}\n`;
  await page.getByTestId("composer-input").evaluate((el, text) => {
    const dt = new DataTransfer();
    dt.setData("text/plain", text);
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
  }, long);
  await expect(chips).toHaveCount(1);
  await expect(chips.first().getByTestId("attachment-name")).toHaveText("Pasted text");
  await expect(chips.first().getByTestId("attachment-size")).toHaveText("4.4 KB");
  await expect(page.getByTestId("composer-input")).toHaveValue("");
  await expect(page.getByTestId("send-button")).toBeEnabled(); // an attachment alone can be sent
  await page.getByTestId("send-button").click();
  await expect(page.getByTestId("message-user").last().getByTestId("attachment-name")).toHaveText("Pasted text");
  await expect(page.getByTestId("message-assistant").last().getByTestId("answer")).toContainText("x".repeat(100));
});
