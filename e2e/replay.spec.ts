/**
 * The in-app session player: "Watch the solution" on a scenario asks before revealing the
 * answer, then replays the walkthrough the engine just ran — captions carry the walkthrough's
 * narration step by step, the four diagnostic milestones are markers on the progress bar in
 * order, stepping and seeking show the right screen, and playing at 8× reaches the end. A
 * finished session of one's own replays from the history, and a report timeline entry opens
 * the replay paused at that command, its output on screen.
 */
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { parse } from "yaml";
import { parseAsciicast } from "../src/replay/asciicast.js";
import { collectConsoleErrors, runCommand, terminalText } from "./helpers.js";

const SHOTS = "e2e/screenshots";
interface Step {
  run?: string;
  say?: string;
}
const steps = (parse(readFileSync("scenarios/oom-killer.yaml", "utf8")) as { walkthrough: { steps: Step[] } }).walkthrough.steps;
const runs = steps.filter((s) => s.run !== undefined);

const caption = (page: Page) => page.getByTestId("replay-caption");

test("Watch the solution: confirmation, captions step by step, milestone markers, play to the end", async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await page.goto("/?e2e=1#/play/oom-killer?seed=7");
  await expect.poll(() => terminalText(page)).toMatch(/\$ $/m);

  // declining the confirmation keeps the candidate on the scenario
  const dialogs: string[] = [];
  page.once("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.getByRole("button", { name: "Watch the solution" }).click();
  await expect.poll(() => dialogs.length).toBe(1);
  expect(dialogs[0]).toContain("reveals the answer");
  expect(page.url()).toContain("#/play/oom-killer");

  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Watch the solution" }).click();
  await expect(page).toHaveURL(/#\/watch\/oom-killer\?seed=7$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Solution: /);

  const markers = page.getByTestId("replay-marker");
  await expect(markers).toHaveCount(4, { timeout: 60_000 });
  const labels = await markers.evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? ""));
  expect(labels[0]).toMatch(/^Milestone: /);
  expect(labels[1]).toContain("Hypothesis: telemetry-agent leaks memory");
  // markers sit left to right in time order
  const lefts = await markers.evaluateAll((els) => els.map((e) => parseFloat((e as HTMLElement).style.left)));
  expect([...lefts].sort((a, b) => a - b)).toEqual(lefts);
  expect(lefts[0]).toBeGreaterThan(0);
  expect(lefts[3]).toBeLessThanOrEqual(100);

  // stepping: each command's output with its narration
  const play = page.getByTestId("replay-play");
  if ((await play.textContent()) === "Pause") await play.click();
  await page.getByRole("button", { name: "Seek to start" }).click();
  await page.getByRole("button", { name: "Next command" }).click();
  await expect(caption(page)).toHaveText(runs[0]!.say!);
  await expect.poll(() => terminalText(page)).toMatch(/\$ uptime\n.*load average: /);
  await page.getByRole("button", { name: "Next command" }).click();
  await expect(caption(page)).toHaveText(runs[1]!.say!);
  expect(await terminalText(page)).toContain("$ sudo dmesg -T | tail -n 25");
  expect(await terminalText(page)).toMatch(/Out of memory: Killed process/);
  await page.screenshot({ path: `${SHOTS}/replay-solution.png` });

  // the hypothesis is spoken with the command that tests it
  const hyp = runs.findIndex((s) => s.run!.startsWith("cat /proc/"));
  for (let i = 2; i <= hyp; i++) await page.getByRole("button", { name: "Next command" }).click();
  await expect(caption(page)).toHaveText(/^Hypothesis: telemetry-agent leaks memory .* -900 means/);

  // clicking the last marker (verification) seeks there
  await markers.nth(3).click();
  await expect(markers.nth(3)).toHaveClass(/passed/);
  expect(await terminalText(page)).not.toContain("$ systemctl status api --no-pager | head -n 3");

  // play on at 8x to the end
  await page.getByLabel("Speed").selectOption("8");
  await play.click();
  await expect(play).toHaveText("Replay", { timeout: 30_000 });
  await expect(caption(page)).toHaveText(/^Diagnosis: telemetry-agent leaks memory/);
  expect(await terminalText(page)).toContain("$ systemctl status api --no-pager | head -n 3");
  await page.screenshot({ path: `${SHOTS}/replay-solution-end.png`, fullPage: true });

  // both asciicast downloads carry the four milestones as markers and parse as what they claim
  for (const version of [3, 2] as const) {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: `Download .cast (v${version})` }).click()]);
    expect(download.suggestedFilename()).toBe(`faultline-oom-killer-solution-seed7.v${version}.cast`);
    const cast = parseAsciicast(readFileSync((await download.path())!, "utf8"));
    expect(cast.version).toBe(version);
    expect(cast.events.filter((e) => e[1] === "m").map((e) => e[2])).toEqual(labels.map((l) => l.replace(/^Milestone: /, "")));
    expect(cast.events.some((e) => e[1] === "o" && e[2].includes("Out of memory: Killed process"))).toBe(true);
  }
  expect(errors).toEqual([]);
});

test("own session: history and report timeline entries open the replay at that moment", async ({ page }) => {
  const errors = collectConsoleErrors(page);
  page.on("dialog", (d) => void d.accept());
  await page.goto("/?e2e=1#/play/oom-killer?seed=7");
  await expect.poll(() => terminalText(page)).toMatch(/\$ $/m);
  await runCommand(page, "uptime");
  await runCommand(page, "free -m");
  await runCommand(page, "hostname");

  const form = page.getByRole("form", { name: "Diagnosis" });
  await form.getByLabel("Root-cause category").selectOption("memory-leak");
  await form.getByLabel("Root cause").fill("something uses the memory");
  await form.getByRole("button", { name: "Submit diagnosis" }).click();
  const dialog = page.getByRole("dialog", { name: "Rate your own investigation" });
  for (const phase of ["triage", "isolate", "inspect", "hypothesize", "fix", "verify"]) await dialog.locator(`input[name="${phase}"][value="3"]`).check();
  await dialog.getByRole("button", { name: "Show my grade" }).click();
  await expect(page.getByTestId("score")).toBeVisible();

  // the second timeline entry (free -m) opens the replay paused after its output
  const timeline = page.getByRole("region", { name: "Timeline" });
  await timeline.getByRole("listitem").filter({ hasText: "free -m" }).getByRole("link", { name: /^Replay from / }).click();
  await expect(page).toHaveURL(/#\/replay\/oom-killer-[a-z0-9]+\?at=\d+$/);
  await expect(page.getByTestId("replay-play")).toHaveText("Play");
  await expect.poll(() => terminalText(page)).toMatch(/\$ free -m\n\s+total\s+used[^\n]*\nMem:[^\n]*\nSwap:[^\n]*\n\S+@\S+:~\$ ?$/);
  expect(await terminalText(page)).not.toContain("hostname");
  await page.screenshot({ path: `${SHOTS}/replay-own-session.png` });
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download session (.json)" }).click()]);
  const sessionFile = (await download.path())!;

  // the history lists the run with a replay that plays to the end
  await page.getByRole("link", { name: "History" }).click();
  await page.getByRole("link", { name: "replay" }).first().click();
  await page.getByLabel("Speed").selectOption("8");
  await expect(page.getByTestId("replay-play")).toHaveText("Replay", { timeout: 30_000 });
  expect(await terminalText(page)).toMatch(/\$ hostname\norders-02\n/);

  // import: the downloaded session replays; a corrupt and a foreign file are refused clearly
  await page.goto("/?e2e=1#/history");
  const picker = page.getByLabel("Session file", { exact: true });
  await picker.setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from('{"format":"faultline-session","version":1,"header":{') });
  await expect(page.getByRole("alert")).toHaveText(/^Cannot open broken\.json: not a Faultline session file: .+/);
  await picker.setInputFiles({ name: "other.json", mimeType: "application/json", buffer: Buffer.from('{"name":"something else","version":"1.0.0"}') });
  await expect(page.getByRole("alert")).toHaveText(/^Cannot open other\.json: not a Faultline session file: .+/);
  const alertText = (await page.getByRole("alert").textContent())!;
  expect(alertText).not.toMatch(/undefined|NaN|\[object/);
  await picker.setInputFiles({ name: "mine.session.json", mimeType: "application/json", buffer: readFileSync(sessionFile) });
  await expect(page.getByRole("alert")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: /^Replay: The orders API keeps dying/ })).toBeVisible();
  await page.getByLabel("Speed").selectOption("8");
  await expect(page.getByTestId("replay-play")).toHaveText("Replay", { timeout: 30_000 });
  expect(await terminalText(page)).toMatch(/\$ hostname\norders-02\n/);
  await page.screenshot({ path: `${SHOTS}/replay-imported.png`, fullPage: true });
  expect(errors).toEqual([]);
});
