/**
 * Accessibility and hygiene across catalog → scenario → report → history: every interactive
 * element on each page has an accessible name (checked role by role with getByRole), the focus
 * goes where the user works (the terminal when a scenario opens, into the self-assessment
 * dialog, which is completed with the keyboard alone), and the whole trip logs no console
 * error or warning, no page error and no Content-Security-Policy violation. The engine worker
 * runs under the same CSP (its script response carries it): eval is refused there, and the
 * catalog still loads because the schema validators are precompiled.
 */
import { expect, test, type Page } from "@playwright/test";
import { runCommand, terminalText } from "./helpers.js";

const ROLES = ["button", "link", "textbox", "searchbox", "combobox", "listbox", "option", "checkbox", "radio", "switch", "slider", "spinbutton", "tab", "menuitem"] as const;

/** Every visible control of these roles has a non-empty accessible name. */
async function expectNamedControls(page: Page, where: string): Promise<void> {
  for (const role of ROLES) {
    const total = await page.getByRole(role).count();
    const named = await page.getByRole(role, { name: /\S/ }).count();
    if (named !== total) {
      const tree = await page.locator("body").ariaSnapshot();
      const unnamed = tree.split("\n").filter((l) => new RegExp(`^\\s*- ${role}(?: \\[[^\\]]*\\])?:?$`).test(l));
      expect(unnamed, `${where}: ${role}s without an accessible name`).toEqual([]);
    }
    expect(named, `${where}: ${role}s with a name`).toBe(total);
  }
}

/** Console errors and warnings, page errors, and CSP violations reported to the page. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${String(e)}`));
  page.on("crash", () => problems.push("the page crashed"));
  return problems;
}

async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}

test("catalog → scenario → report → history: named controls, focus, no console noise, no CSP violation", async ({ page }) => {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  const problems = watch(page);
  page.on("dialog", (d) => void d.accept());

  // catalog
  await page.goto("/?e2e=1#/");
  await expect(page.locator(".card").first()).toBeVisible();
  expect(await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute("content"))).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  await expectNamedControls(page, "catalog");
  // the first Tab stops: the header, then the page's own controls before the cards
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Faultline" })).toBeFocused();
  const order = await page.evaluate(() => {
    const els = [...document.querySelectorAll<HTMLElement>("a[href], button, select, input, textarea, [tabindex]")].filter((e) => e.tabIndex >= 0 && e.offsetParent !== null);
    return els.map((e) => e.textContent?.trim() || e.getAttribute("aria-label") || e.tagName);
  });
  expect(order.indexOf("Open scenario file…")).toBeLessThan(order.findIndex((t) => t === "Start"));
  await page.screenshot({ path: "e2e/screenshots/hygiene-catalog.png" });

  // scenario: the terminal has the focus as soon as it opens
  await page.locator('.card[data-scenario="high-load-low-cpu"]').getByRole("link", { name: /Start|Resume|Play again/ }).click();
  await expect.poll(() => terminalText(page)).toMatch(/\$ $/m);
  await expect(page.locator(".xterm-helper-textarea")).toBeFocused();
  await runCommand(page, "uptime");
  await expectNamedControls(page, "scenario");
  await page.screenshot({ path: "e2e/screenshots/hygiene-scenario.png" });

  // diagnosis, then the self-assessment done with the keyboard only
  const form = page.getByRole("form", { name: "Diagnosis" });
  await form.getByLabel("Root-cause category").selectOption({ index: 1 });
  await form.getByLabel("Root cause").fill("Processes stuck in D state on a hung NFS mount inflate the load.");
  await form.getByRole("button", { name: "Submit diagnosis" }).click();
  const dialog = page.getByRole("dialog", { name: "Rate your own investigation" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("radio").first()).toBeFocused();
  await expectNamedControls(page, "self-assessment");
  for (let group = 0; group < 6; group++) {
    if (group > 0) await page.keyboard.press("Tab");
    await page.keyboard.press("Space");
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  }
  await expect(dialog.locator('input[type="radio"][value="4"]:checked')).toHaveCount(6);
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: "Show my grade" })).toBeFocused();
  // the modal keeps the keyboard: Tab past its last control wraps inside it, and back
  await page.keyboard.press("Tab");
  await expect(dialog.locator('input[type="radio"]:focus')).toHaveCount(1);
  await page.keyboard.press("Shift+Tab");
  await expect(dialog.getByRole("button", { name: "Show my grade" })).toBeFocused();
  await page.keyboard.press("Enter");

  // report
  await expect(page.getByTestId("score")).toBeVisible();
  await expectNamedControls(page, "report");
  await page.screenshot({ path: "e2e/screenshots/hygiene-report.png", fullPage: true });

  // history
  await page.getByRole("link", { name: "History" }).click();
  await expect(page.getByRole("heading", { name: "History" })).toBeVisible();
  await expect(page.getByRole("link", { name: /report/ })).toHaveCount(1);
  await expectNamedControls(page, "history");
  await page.screenshot({ path: "e2e/screenshots/hygiene-history.png" });

  expect(await cspViolations(page)).toEqual([]);
  expect(problems).toEqual([]);
});

test("the engine worker runs under the CSP: no eval, yet the catalog loads", async ({ page }) => {
  await page.goto("/?e2e=1#/");
  await expect(page.locator(".card").first()).toBeVisible();
  const worker = page.workers().find((w) => w.url().includes("engine-worker"));
  expect(worker, "the engine worker").toBeDefined();
  // DevTools evaluation is exempt from the CSP's eval check, so `new Function` inside
  // worker.evaluate would run whatever the policy says. A string timer is compiled later, by
  // the worker itself, under its own policy: without 'unsafe-eval' it never runs.
  await worker!.evaluate(() => {
    const g = self as unknown as { probe: string; done: boolean };
    g.probe = "refused";
    g.done = false;
    (setTimeout as unknown as (code: string, ms: number) => number)("self.probe = 'allowed'", 0);
    setTimeout(() => (g.done = true), 200);
  });
  await expect.poll(() => worker!.evaluate(() => (self as unknown as { done: boolean }).done)).toBe(true);
  expect(await worker!.evaluate(() => (self as unknown as { probe: string }).probe)).toBe("refused");
});
