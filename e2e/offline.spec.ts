/**
 * Offline once loaded: after a first visit the service worker has precached the build; with
 * the network off a reload still shows the catalog (served by the service worker), the page is
 * still cross-origin isolated (the cached responses carry COOP/COEP, so SharedArrayBuffer and
 * Ctrl-C keep working), and a scenario opens and runs commands in its terminal.
 */
import { expect, test } from "@playwright/test";
import { collectConsoleErrors, runCommand, terminalText } from "./helpers.js";

test("a reload with the network off still runs the catalog and a scenario", async ({ page, context }) => {
  const errors = collectConsoleErrors(page);
  await page.goto("/?e2e=1#/");
  await expect(page.locator(".card").first()).toBeVisible();
  // installed = every built file is in the cache
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));

  await context.setOffline(true);
  const reload = await page.reload();
  expect(reload?.fromServiceWorker()).toBe(true);
  // the network really is off: a file the build does not have cannot be fetched
  const probe = await page.evaluate(() => fetch(`/not-in-the-build-${Date.now()}.txt`).then((r) => r.status, () => "failed"));
  expect([503, "failed"]).toContain(probe);

  await expect(page.locator(".card").first()).toBeVisible();
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
  await page.screenshot({ path: "e2e/screenshots/offline-catalog.png" });

  await page.locator('.card[data-scenario="high-load-low-cpu"]').getByRole("link", { name: /Start|Resume|Play again/ }).click();
  await expect.poll(() => terminalText(page)).toMatch(/\$ $/m);
  await runCommand(page, "uptime");
  expect(await terminalText(page)).toContain("load average:");
  // Ctrl-C of a busy loop needs the SharedArrayBuffer flag, i.e. isolation after the offline reload
  await page.keyboard.type("while true; do :; done");
  await page.keyboard.press("Enter");
  await page.waitForTimeout(500);
  await page.keyboard.press("Control+C");
  await expect.poll(() => terminalText(page)).toMatch(/\S+@\S+:~\$ $/);
  await page.screenshot({ path: "e2e/screenshots/offline-scenario.png" });
  await context.setOffline(false);
  // the probe's own 503 is the only resource that may fail
  expect(errors.filter((e) => e !== "Failed to load resource: the server responded with a status of 503 (offline)")).toEqual([]);
  expect(errors.length).toBeLessThanOrEqual(1);
});
