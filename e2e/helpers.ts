/**
 * Shared helpers for the e2e specs: typing into xterm key by key, reading the terminal buffer
 * through the app's ?e2e hook, waiting for a command to finish, and collecting console errors.
 */
import { expect, type Page } from "@playwright/test";

interface Hook {
  terminalText(): string;
  isBusy(): boolean;
  advanceWallMs(ms: number): void;
}

export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  return errors;
}

export function terminalText(page: Page): Promise<string> {
  return page.evaluate(() => (window as unknown as { faultlineTest: Hook }).faultlineTest.terminalText());
}

export async function advanceWall(page: Page, ms: number): Promise<void> {
  await page.evaluate((n) => (window as unknown as { faultlineTest: Hook }).faultlineTest.advanceWallMs(n), ms);
}

/** Types into the terminal key by key (Enter as "\r"). */
export async function typeKeys(page: Page, text: string): Promise<void> {
  await page.locator(".xterm-helper-textarea").focus();
  for (const ch of text) {
    if (ch === "\r") await page.keyboard.press("Enter");
    else await page.keyboard.type(ch);
  }
}

/** Counts prompts in the buffer ("user@host:cwd$ "). */
export async function promptCount(page: Page): Promise<number> {
  const t = await terminalText(page);
  return (t.match(/^\S+@\S+:[^\n]*?[$#] /gm) ?? []).length;
}

/** Types a command line and waits until the next prompt appears. */
export async function runCommand(page: Page, line: string): Promise<void> {
  const before = await promptCount(page);
  await typeKeys(page, line + "\r");
  await expect.poll(() => promptCount(page), { timeout: 60_000 }).toBeGreaterThan(before);
}
