/**
 * Smoke: the catalog lists the shipped scenarios and filters them; a scenario starts in the
 * worker; typing into xterm runs commands with line editing (Tab completion, history with ↑,
 * Ctrl-U); a streaming tool is paced in real time and stopped by Ctrl-C (SharedArrayBuffer:
 * the page is cross-origin isolated); top runs full-screen and q leaves it. No console errors.
 */
import { readFileSync, readdirSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { parse } from "yaml";
import { collectConsoleErrors, promptCount, runCommand, terminalText, typeKeys } from "./helpers.js";

/** The shipped catalog, read from scenarios/*.yaml (the page must show exactly these). */
const SHIPPED = readdirSync("scenarios")
  .filter((f) => f.endsWith(".yaml"))
  .map((f) => parse(readFileSync(`scenarios/${f}`, "utf8")) as { id: string; tags: string[]; difficulty: string });
const withTag = (t: string) => SHIPPED.filter((s) => s.tags.includes(t));

test("catalog filters", async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await page.goto("/?e2e=1#/");
  await expect(page.locator(".card")).toHaveCount(SHIPPED.length);
  await expect(page.locator('.card[data-scenario="oom-killer"] h2')).toHaveText("The orders API keeps dying");
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await page.getByLabel("Tag", { exact: true }).selectOption("use:memory");
  await expect(page.locator(".card")).toHaveCount(withTag("use:memory").length);
  await expect(page.locator('.card[data-scenario="oom-killer"]')).toBeVisible();
  await page.getByRole("radio", { name: "medium" }).click();
  await expect(page.locator(".card")).toHaveCount(withTag("use:memory").filter((s) => s.difficulty === "medium").length);
  await page.getByRole("radio", { name: "all" }).click();
  await page.getByLabel("Tag", { exact: true }).selectOption("");
  await expect(page.locator(".card")).toHaveCount(SHIPPED.length);
  await page.screenshot({ path: "e2e/screenshots/catalog.png" });
  expect(errors).toEqual([]);
});

test("terminal: editing, streaming, Ctrl-C, full-screen top", async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await page.goto("/?e2e=1#/play/high-load-low-cpu?seed=3");
  await expect.poll(() => terminalText(page)).toMatch(/\$ $/m);

  // Tab completes the command name, ↑ recalls it
  const before = await promptCount(page);
  await typeKeys(page, "upti");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect.poll(() => promptCount(page)).toBe(before + 1);
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Enter");
  await expect.poll(() => promptCount(page)).toBe(before + 2);
  expect((await terminalText(page)).match(/load average:/g)?.length).toBe(2);

  // Ctrl-U kills the line typed so far
  await typeKeys(page, "rm -rf /");
  await page.keyboard.press("Control+U");
  await runCommand(page, "echo clean");
  expect(await terminalText(page)).toContain("\nclean");

  // ping prints once a second (paced against the wall clock) until Ctrl-C
  const t0 = Date.now();
  await typeKeys(page, "ping 127.0.0.1\r");
  await expect.poll(async () => ((await terminalText(page)).match(/bytes from/g) ?? []).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
  expect(Date.now() - t0).toBeGreaterThan(1500);
  await page.keyboard.press("Control+C");
  await expect.poll(() => terminalText(page)).toMatch(/ping statistics[\s\S]*\S+@\S+:~\$ $/);

  // a busy loop that never sleeps is stopped by Ctrl-C too (the SharedArrayBuffer flag)
  await typeKeys(page, "while true; do :; done\r");
  await page.waitForTimeout(700);
  await page.keyboard.press("Control+C");
  await expect.poll(() => terminalText(page)).toMatch(/\S+@\S+:~\$ $/);

  // top runs on the alternate screen; q returns to the prompt
  await typeKeys(page, "top\r");
  await expect.poll(() => terminalText(page)).toMatch(/^top - /m);
  await page.screenshot({ path: "e2e/screenshots/top.png" });
  await typeKeys(page, "q");
  await expect.poll(() => terminalText(page)).toMatch(/\$ $/);
  await runCommand(page, "echo back");
  await page.screenshot({ path: "e2e/screenshots/terminal.png" });
  expect(errors).toEqual([]);
});
