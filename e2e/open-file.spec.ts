/**
 * Opening a scenario file from the catalog: a malformed file (from the loader's corpus of bad
 * scenarios) shows a focused alert listing each `file:line:col: message`, the same located
 * issues the CLI prints, by the picker and by drag and drop; a valid file starts at once,
 * survives a reload mid-session, and runs commands. No console errors, no stack traces.
 */
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { collectConsoleErrors, runCommand, terminalText } from "./helpers.js";

const BAD = "tests/fixtures/bad-scenarios";

async function pick(page: Page, path: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByRole("button", { name: "Open scenario file…" }).click()]);
  await chooser.setFiles(path);
}

/** Drops a file on the page the way a browser does (dragenter, dragover, drop with a DataTransfer). */
async function drop(page: Page, name: string, text: string): Promise<void> {
  await page.evaluate(
    ([n, t]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], n, { type: "application/yaml" }));
      const target = document.querySelector("main")!;
      for (const type of ["dragenter", "dragover", "drop"]) target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
    },
    [name, text] as const,
  );
}

test("a malformed scenario file shows its located errors", async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await page.goto("/?e2e=1#/");
  await expect(page.locator(".card").first()).toBeVisible();

  await pick(page, `${BAD}/typo-nested.yaml`);
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("typo-nested.yaml could not be opened");
  await expect(alert.locator(".issues li")).toHaveText(["typo-nested.yaml:13:7: host.processes[0]: unknown field 'rssMB' (did you mean 'rssMiB'?)"]);
  await expect(alert).toBeFocused();
  await expect(alert).not.toContainText(/at \S+:\d+:\d+\)|Error:|undefined/);
  await page.screenshot({ path: "e2e/screenshots/open-file-error.png" });

  // Escape closes the panel and gives the focus back to the button
  await page.keyboard.press("Escape");
  await expect(alert).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Open scenario file…" })).toBeFocused();

  // the walkthrough's command lines are checked by the real bash parser, as in the CLI
  await pick(page, `${BAD}/walkthrough-bad-shell.yaml`);
  await expect(alert.locator(".issues li")).toHaveText(["walkthrough-bad-shell.yaml:31:12: walkthrough.steps[0].run: command does not parse: line 1: unexpected EOF while looking for matching `''"]);
  await alert.getByRole("button", { name: "Dismiss" }).click();

  // dropped anywhere on the page: a YAML syntax error, and a file that is not YAML at all
  await drop(page, "yaml-tab.yaml", readFileSync(`${BAD}/yaml-tab.yaml`, "utf8"));
  await expect(alert.locator(".issues li")).toHaveText(["yaml-tab.yaml:5:1: YAML syntax: Tabs are not allowed as indentation"]);
  await drop(page, "picture.png", "\u0089PNG\r\n\u001a\n\0\0\0\rIHDR");
  await expect(alert.locator(".issues li")).toHaveText(["picture.png:1:1: this is a binary file, not a YAML scenario"]);
  await drop(page, "empty.yaml", "");
  await expect(alert.locator(".issues li").first()).toContainText("empty.yaml:1:1: ");
  await expect(page.locator(".card").first()).toBeVisible();
  expect(errors).toEqual([]);
});

test("a valid scenario file starts, resumes after a reload, and runs commands", async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await page.goto("/?e2e=1#/");
  await expect(page.locator(".card").first()).toBeVisible();
  await pick(page, "scenarios/oom-killer.yaml");
  await expect(page).toHaveURL(/#\/play\/file%3Aoom-killer$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The orders API keeps dying");
  await expect.poll(() => terminalText(page)).toMatch(/\$ $/m);
  await expect(page.locator(".xterm-helper-textarea")).toBeFocused();
  await runCommand(page, "uptime");
  const before = await terminalText(page);
  expect(before).toContain("load average:");

  await page.reload();
  await expect.poll(() => terminalText(page)).toBe(before);
  await runCommand(page, "hostname");
  await page.screenshot({ path: "e2e/screenshots/open-file-started.png" });
  expect(errors).toEqual([]);
});
