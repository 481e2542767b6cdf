/**
 * The oom-killer scenario end to end, as a candidate plays it: open the catalog, start the
 * scenario, type the reference walkthrough into the terminal key by key (hypotheses and notes
 * through the notes panel, waits as real waiting via the ?e2e hook), reload the page halfway
 * and check nothing was lost, submit the diagnosis, rate the phases, and read the score.
 */
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { parse } from "yaml";
import { advanceWall, collectConsoleErrors, runCommand, terminalText } from "./helpers.js";

interface Step {
  run?: string;
  wait?: string;
  note?: string;
  hypothesis?: string;
  diagnose?: { category: string; text: string };
}

const scenario = parse(readFileSync("scenarios/oom-killer.yaml", "utf8")) as { walkthrough: { steps: Step[]; passMark?: number } };
const steps = scenario.walkthrough.steps;

function durationMs(d: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(d);
  if (!m) throw new Error(`bad duration ${d}`);
  return Number(m[1]) * { ms: 1, s: 1000, m: 60000, h: 3600000 }[m[2] as "ms"];
}

async function addNote(page: Page, kind: "Observation" | "Hypothesis", text: string): Promise<void> {
  const notes = page.getByRole("region", { name: "Notes" });
  await notes.getByRole("radio", { name: kind }).click();
  await notes.getByLabel("Note text").fill(text);
  await notes.getByRole("button", { name: /^Add / }).click();
  await expect(notes.locator(".note-list li").filter({ hasText: text })).toHaveCount(1);
}

test("play oom-killer with the reference walkthrough, reload halfway, get graded", async ({ page }) => {
  const errors = collectConsoleErrors(page);
  page.on("dialog", (d) => void d.accept());
  const started = Date.now();
  await page.goto("/?e2e=1#/");
  await page.locator('.card[data-scenario="oom-killer"]').getByRole("link", { name: "Start" }).click();
  // a fixed seed keeps the screenshots comparable
  await page.goto("/?e2e=1#/play/oom-killer?seed=7");
  await expect.poll(() => terminalText(page)).toMatch(/\$ $/m);

  const reloadAfter = steps.findIndex((s) => s.hypothesis !== undefined);
  let diagnosis: Step["diagnose"];
  for (const [i, s] of steps.entries()) {
    if (s.wait) await advanceWall(page, durationMs(s.wait));
    if (s.hypothesis) await addNote(page, "Hypothesis", s.hypothesis);
    if (s.note) await addNote(page, "Observation", s.note);
    if (s.run) await runCommand(page, s.run);
    if (s.diagnose) diagnosis = s.diagnose;
    if (i === reloadAfter) {
      const before = await terminalText(page);
      const timerBefore = await page.getByRole("timer").textContent();
      await page.screenshot({ path: "e2e/screenshots/before-reload.png" });
      await page.reload();
      await expect.poll(() => terminalText(page)).toBe(before);
      await expect(page.getByRole("region", { name: "Notes" }).locator(".note-list li")).toHaveCount(1);
      const timerAfter = (await page.getByRole("timer").textContent()) ?? "";
      expect(timerAfter >= (timerBefore ?? "")).toBe(true);
      await page.screenshot({ path: "e2e/screenshots/after-reload.png" });
    }
  }
  const text = await terminalText(page);
  expect(text).toContain("Out of memory: Killed process");
  expect(text).toContain("telemetry-agent");
  await page.screenshot({ path: "e2e/screenshots/walkthrough-done.png" });

  const form = page.getByRole("form", { name: "Diagnosis" });
  await form.getByLabel("Root-cause category").selectOption(diagnosis!.category);
  await form.getByLabel("Root cause").fill(diagnosis!.text);
  await form.getByRole("button", { name: "Submit diagnosis" }).click();

  const dialog = page.getByRole("dialog", { name: "Rate your own investigation" });
  for (const phase of ["triage", "isolate", "inspect", "hypothesize", "fix", "verify"]) await dialog.locator(`input[name="${phase}"][value="4"]`).check();
  await page.screenshot({ path: "e2e/screenshots/self-assessment.png" });
  await dialog.getByRole("button", { name: "Show my grade" }).click();

  const score = page.getByTestId("score");
  await expect(score).toBeVisible();
  const points = Number((await score.textContent())!.replace("/100", ""));
  console.log(`oom-killer walkthrough score in the browser: ${points}/100 (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  expect(points).toBeGreaterThanOrEqual(scenario.walkthrough.passMark ?? 80);
  await expect(page.getByRole("region", { name: "Host metrics" }).locator("svg path.series")).toHaveCount(4);
  await page.screenshot({ path: "e2e/screenshots/report.png", fullPage: true });

  // the catalog now shows the run as done with its best score
  await page.goto("/?e2e=1#/");
  await expect(page.locator('.card[data-scenario="oom-killer"] .status')).toHaveText("done");
  await expect(page.locator('.card[data-scenario="oom-killer"]')).toContainText(`best ${points}/100`);
  expect(errors).toEqual([]);
});
