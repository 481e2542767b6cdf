/**
 * Persistence faults: when the browser's storage is full the user is told plainly that progress
 * is not being saved, the session goes on, and what was saved before stays intact.
 */
import { expect, test } from "@playwright/test";
import { collectConsoleErrors, runCommand, terminalText } from "./helpers.js";

test("storage full: a clear warning, the session goes on, nothing saved before is lost", async ({ page }) => {
  await page.addInitScript(() => {
    const real = Storage.prototype.setItem;
    Storage.prototype.setItem = function (this: Storage, k: string, v: string) {
      if ((window as unknown as { storageFull?: boolean }).storageFull) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      real.call(this, k, v);
    };
  });
  const errors = collectConsoleErrors(page);
  await page.goto("/?e2e=1#/play/high-load-low-cpu?seed=7");
  await expect.poll(() => terminalText(page)).toMatch(/\$ $/m);
  await runCommand(page, "uptime");
  const key = "faultline:session:high-load-low-cpu";
  const saved = await page.evaluate((k) => localStorage.getItem(k), key);
  expect(saved).toContain("uptime");
  await expect(page.getByRole("alert")).toHaveCount(0);

  await page.evaluate(() => ((window as unknown as { storageFull: boolean }).storageFull = true));
  await runCommand(page, "hostname");
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("Your progress is not being saved");
  await expect(alert).toContainText("storage for the site is full");
  expect(await terminalText(page)).toMatch(/hostname\n\S+\n/);
  expect(await page.evaluate((k) => localStorage.getItem(k), key)).toBe(saved);
  await page.screenshot({ path: "e2e/screenshots/persistence-storage-full.png" });

  // space again: the next write succeeds and the warning goes
  await page.evaluate(() => ((window as unknown as { storageFull: boolean }).storageFull = false));
  await runCommand(page, "id");
  await expect(page.getByRole("alert")).toHaveCount(0);
  expect(await page.evaluate((k) => localStorage.getItem(k), key)).toContain("hostname");
  expect(errors).toEqual([]);
});
