/**
 * The scenario editor: live validation in the worker (an error typed into CodeMirror is
 * underlined with the CLI's message, then fixed), schema completion and hover docs, "Try it"
 * in a side terminal and "Restart" picking up an edit, recording a walkthrough with narration
 * and an anti-path written back into the YAML, the self-check (what `faultline test` runs),
 * saving to "My scenarios" (only after a passing self-check) and playing it from the catalog.
 * Then the XSS corpus (fixtures/xss-corpus.ts) in the title, summary, briefing, hints, rubric
 * titles, narration and diagnosis explanation, loaded from a ?scenario= URL, the file picker
 * and a drop, tried, saved, played and graded: no payload ever runs (the window flag they set
 * stays unset, no dialog, no CSP violation, no element, handler or javascript:/data: link they
 * would create) and each shows as text; a payload in tags is refused by validation.
 */
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { advanceWall, collectConsoleErrors, promptCount, runCommand, terminalText, typeKeys } from "./helpers.js";
import { XSS_FLAG, XSS_PAYLOADS, XSS_TEXT, xssScenario, xssTagsScenario } from "./fixtures/xss-corpus.js";

// the offline service worker must not answer the routed ?scenario= fetch from its cache
test.use({ serviceWorkers: "block" });

const SHOTS = "e2e/screenshots";

/** The whole document (CodeMirror renders only the lines in view, so the DOM is not enough). */
async function editorText(page: Page): Promise<string> {
  return page.evaluate(() => {
    // EditorView.findFromDOM without importing CodeMirror: the content element's tile knows its view
    const tile = (document.querySelector(".cm-content") as unknown as { cmTile?: { root?: { view?: { state: { doc: { toString(): string } } } } } } | null)?.cmTile;
    // "" until the editor is there
    return tile?.root?.view?.state.doc.toString() ?? "";
  });
}

/** Puts the cursor at the end of the first editor line containing `text`. */
async function endOfLine(page: Page, text: string): Promise<void> {
  const line = page.locator(".cm-content .cm-line", { hasText: text }).first();
  await line.scrollIntoViewIfNeeded();
  await line.click();
  await page.keyboard.press("End");
}

/** Waits for a new session's terminal: its first prompt and nothing typed yet. */
async function freshPrompt(page: Page): Promise<void> {
  await expect.poll(async () => (await promptCount(page)) === 1 && /\$ ?$/.test(await terminalText(page)), { timeout: 60_000 }).toBe(true);
}

/** Clicks a button that restarts the try session; the old terminal is marked first so the new one is told apart. */
async function restartWith(page: Page, name: string): Promise<void> {
  await typeKeys(page, "#");
  await page.getByRole("button", { name, exact: true }).click();
  await freshPrompt(page);
}

async function status(page: Page) {
  return page.getByTestId("validation-status");
}

test("edit with live validation, try it, record a walkthrough and an anti-path, self-check, save", async ({ page }) => {
  const errors = collectConsoleErrors(page);
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto("/?e2e=1#/editor");
  await expect.poll(() => editorText(page)).toContain("id: new-scenario");
  await expect(await status(page)).toHaveText("valid");

  // introduce an error: it is underlined at the right place with the CLI's message
  await endOfLine(page, "estimatedMinutes: 10");
  // measured (not asserted): keystroke -> problem shown, in the page's own clock
  await page.evaluate(() => {
    const w = window as unknown as { __typed?: number; __shown?: number };
    document.addEventListener("keydown", () => (w.__typed ??= performance.now()), { capture: true });
    const el = document.querySelector("[data-testid=validation-status]")!;
    new MutationObserver(() => {
      if (el.textContent === "1 problem") w.__shown ??= performance.now();
    }).observe(el, { childList: true, subtree: true, characterData: true });
  });
  await page.keyboard.type("x");
  await expect(await status(page)).toHaveText("1 problem");
  const latency = await page.evaluate(() => (window as unknown as { __typed: number; __shown: number }).__shown - (window as unknown as { __typed: number }).__typed);
  console.log(`editor: keystroke to "1 problem" ${Math.round(latency)} ms (350 ms of it is the linter's typing pause)`);
  const problem = page.locator(".problems .issue-list li");
  await expect(problem).toHaveText(/^new-scenario\.yaml:14:19: estimatedMinutes: must be a whole number$/);
  await expect(page.locator(".cm-lintRange-error")).toHaveText("10x");
  await page.locator(".cm-lintRange-error").hover();
  await expect(page.locator(".cm-tooltip-lint")).toContainText("estimatedMinutes: must be a whole number");
  await page.screenshot({ path: `${SHOTS}/editor-error.png` });
  // fix it
  await endOfLine(page, "estimatedMinutes: 10x");
  await page.keyboard.press("Backspace");
  await expect(await status(page)).toHaveText("valid");
  await expect(page.locator(".cm-lintRange-error")).toHaveCount(0);

  // hover docs and completion come from the JSON Schema
  await page.locator(".cm-content .cm-line", { hasText: "cpuDemand:" }).getByText("cpuDemand").hover();
  await expect(page.locator(".cm-schema-doc")).toContainText("host.processes[].cpuDemand");
  await expect(page.locator(".cm-schema-doc")).toContainText("CPUs it wants");
  await page.mouse.move(5, 5);
  await endOfLine(page, "  cpus: 2");
  await page.keyboard.press("Enter");
  await page.keyboard.type("memo");
  await expect(page.locator(".cm-tooltip-autocomplete")).toContainText("memoryMiB");
  await page.screenshot({ path: `${SHOTS}/editor-completion.png` });
  await page.keyboard.press("Enter");
  await page.keyboard.type("4096");
  await expect.poll(() => editorText(page)).toContain("memoryMiB: 4096");
  await expect(await status(page)).toHaveText("valid");

  // try it in the side terminal
  await page.getByRole("button", { name: "Try it", exact: true }).click();
  await freshPrompt(page);
  await runCommand(page, "uptime");
  expect(await terminalText(page)).toContain("load average:");
  // an edit shows "Restart" picks it up
  await endOfLine(page, "**TICKET");
  await page.keyboard.press("Home");
  await page.keyboard.type("EDITED ");
  await expect(page.locator(".try-panel")).toContainText("Edited since it started");
  await expect(await status(page)).toHaveText("valid");
  await page.getByRole("button", { name: "Restart", exact: true }).click();
  await expect(page.locator(".try-briefing")).toContainText("EDITED TICKET");
  await freshPrompt(page);
  await page.screenshot({ path: `${SHOTS}/editor-try.png` });

  // record a walkthrough with narration and milestones
  await restartWith(page, "Record walkthrough");
  await runCommand(page, "uptime");
  await runCommand(page, "top -b -n 1 | head -n 12");
  expect(await terminalText(page)).toMatch(/reindex/);
  await page.getByLabel("Note or hypothesis").fill("the reindex batch job saturates the CPUs");
  await page.getByRole("button", { name: "Hypothesis", exact: true }).click();
  await runCommand(page, "sudo pkill reindex");
  await advanceWall(page, 60_000);
  await runCommand(page, "uptime");
  await page.getByLabel("Diagnosis category").selectOption("cpu-saturation");
  await page.getByLabel("Diagnosis", { exact: true }).fill("the reindex batch job started by cron pins both CPUs");
  await page.getByRole("button", { name: "Diagnose" }).click();
  await expect(page.locator(".rec-steps li")).toHaveCount(7);
  await page.getByLabel("Narration for step 1").fill("Start broad: the load is above the CPU count.");
  await page.getByLabel("Milestone for step 1").selectOption("evidence");
  await page.getByLabel("Narration for step 4").fill("Stop the runaway job.");
  await page.getByLabel("Milestone for step 4").selectOption("fix");
  await page.screenshot({ path: `${SHOTS}/editor-recording.png` });
  await page.getByRole("button", { name: "Write as walkthrough" }).click();
  await expect(page.locator(".try-panel")).toContainText("Wrote 7 steps as the walkthrough");
  const written = await editorText(page);
  expect(written).toContain("say: \"Start broad: the load is above the CPU count.\"");
  expect(written).toMatch(/- run: sudo pkill reindex\n\s+say: Stop the runaway job\.\n\s+milestone: fix/);
  expect(written).toMatch(/- wait: (1m|6\ds)\n/);
  await expect(await status(page)).toHaveText("valid");

  // and an anti-path
  await restartWith(page, "Restart recording");
  await runCommand(page, "df -h");
  await page.getByLabel("Diagnosis category").selectOption("disk-full");
  await page.getByLabel("Diagnosis", { exact: true }).fill("the disk is full");
  await page.getByRole("button", { name: "Diagnose" }).click();
  await expect(page.locator(".rec-steps li")).toHaveCount(2);
  await page.getByLabel("Anti-path id").fill("recorded-guess");
  await page.getByLabel("Anti-path title").fill("looks at the disk and guesses");
  await page.getByRole("button", { name: "Write as anti-path" }).click();
  await expect.poll(() => editorText(page)).toContain("id: recorded-guess");
  await expect(await status(page)).toHaveText("valid");

  // the self-check runs what `faultline test` runs
  await page.getByRole("button", { name: "Test this scenario" }).click();
  const result = page.getByTestId("self-test-result");
  await expect(result).toContainText(/PASS: 5 of 5 checks passed/, { timeout: 120_000 });
  await expect(result.locator("tr", { hasText: "recorded-guess" })).toContainText("ok");
  await page.locator(".self-test").scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/editor-self-check.png`, fullPage: true });

  // save to My scenarios, find it on the catalog and play it
  await page.getByRole("button", { name: "Save to My scenarios" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toContainText('Saved "new-scenario"');
  await page.getByRole("link", { name: "Scenarios" }).click();
  const mine = page.locator('[data-my-scenario="new-scenario"]');
  await expect(mine).toContainText("New scenario");
  await page.screenshot({ path: `${SHOTS}/catalog-my-scenarios.png`, fullPage: true });
  await mine.getByRole("button", { name: "Play" }).click();
  await expect(page).toHaveURL(/#\/play\/file%3Anew-scenario|#\/play\/file:new-scenario/);
  await expect(page.locator(".briefing")).toContainText("EDITED TICKET");
  // still there after a reload (persisted)
  await page.goto("/?e2e=1#/");
  await expect(page.locator('[data-my-scenario="new-scenario"]')).toBeVisible();
  expect(dialogs).toEqual([]);
  expect(errors).toEqual([]);
});

test("duplicate a shipped scenario: a renamed copy that validates", async ({ page }) => {
  const errors = collectConsoleErrors(page);
  const asked: string[] = [];
  page.on("dialog", (d) => {
    asked.push(d.message());
    void d.accept();
  });
  await page.goto("/?e2e=1#/editor");
  await expect.poll(() => editorText(page)).toContain("id: new-scenario");
  await page.getByLabel("Duplicate a shipped scenario").selectOption("oom-killer");
  await expect(page).toHaveURL(/#\/editor\?duplicate=oom-killer$/);
  await expect.poll(() => editorText(page)).toContain("id: oom-killer-copy");
  const text = await editorText(page);
  expect(text).toMatch(/^title: "The orders API keeps dying \(copy\)"/m);
  await expect(page.locator(".editor-file")).toHaveText("oom-killer-copy.yaml");
  await expect(await status(page)).toHaveText("valid");
  await expect(page.getByRole("status").filter({ hasText: "A copy of the shipped scenario" })).toContainText('"oom-killer" (id oom-killer-copy)');
  expect(asked).toEqual([`Replace the editor's content with a copy of "oom-killer"? Export or save your work first if you need it.`]);
  // "Export file" downloads exactly the text being edited, named after its id
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export file" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("oom-killer-copy.yaml");
  expect(readFileSync((await file.path())!, "utf8")).toBe(text);
  expect(errors).toEqual([]);
});

/** Records CSP violations in the page (a blocked inline script or handler would be one). */
async function watchCsp(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

async function assertNothingRan(page: Page, dialogs: string[]): Promise<void> {
  expect(await page.evaluate((f) => (window as unknown as Record<string, unknown>)[f], XSS_FLAG)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
  // nothing from the corpus became an element, an event handler or a live link
  const made = await page.evaluate(() =>
    [...document.querySelectorAll("main script, main iframe, main object, main embed, main math, main style, main img[src='x'], main svg[onload], main details[ontoggle]")]
      // xterm.js writes its own <style> elements into the terminal
      .filter((el) => !(el.tagName === "STYLE" && el.closest(".xterm")))
      .map((el) => el.outerHTML.slice(0, 120)),
  );
  expect(made).toEqual([]);
  const handlers = await page.evaluate(() => [...document.querySelectorAll("body *")].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`)));
  expect(handlers).toEqual([]);
  const links = await page.evaluate(() => [...document.querySelectorAll("a[href]")].map((a) => (a as HTMLAnchorElement).protocol).filter((p) => p !== "https:" && p !== "http:" && p !== "blob:"));
  expect(links).toEqual([]);
}

test("an XSS corpus in every text field never runs and shows as text", async ({ page }) => {
  test.setTimeout(360_000);
  const errors = collectConsoleErrors(page);
  // the app's own confirm before a diagnosis is accepted; any other dialog would be a payload's alert()
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    if (d.type() === "confirm" && d.message().startsWith("Submit your diagnosis?")) return void d.accept();
    dialogs.push(d.message());
    void d.dismiss();
  });
  await watchCsp(page);
  // 1. the template, from the editor itself
  await page.goto("/?e2e=1#/editor");
  await expect.poll(() => editorText(page)).toContain("id: new-scenario");
  const template = await editorText(page);
  const evil = xssScenario(template, "xss-corpus");

  // 2. shared links (?scenario=<url>): a tag payload is refused by validation; another site is refused under the CSP
  await page.route((url) => url.pathname.startsWith("/shared/"), (r) =>
    r.fulfill({ status: 200, contentType: "application/yaml", body: r.request().url().endsWith("xss-tags.yaml") ? xssTagsScenario(template, "xss-tags") : evil }),
  );
  await page.goto("/?e2e=1&scenario=/shared/xss-tags.yaml");
  await expect(page).toHaveURL(/#\/editor/);
  await expect(await status(page)).toHaveText("1 problem");
  await expect(page.locator(".problems .issue-list li")).toHaveText(/^xss-tags\.yaml:\d+:\d+: tags\[1\]: must match \^\[a-z0-9:-\]\+\$$/);
  await expect(page.getByRole("button", { name: "Save to My scenarios" })).toBeDisabled();
  await page.goto("/?e2e=1&scenario=https://example.com/evil.yaml");
  await expect(page.getByRole("alert")).toContainText("is on another site");
  await page.goto("/?e2e=1&scenario=/shared/xss-corpus.yaml");
  await expect(page.locator(".editor-page")).toContainText("Opened from /shared/xss-corpus.yaml");
  await expect.poll(() => editorText(page)).toContain("id: xss-corpus");
  await expect(await status(page)).toHaveText("valid");
  // the parameter is consumed: the address no longer carries it
  expect(new URL(page.url()).searchParams.has("scenario")).toBe(false);
  await assertNothingRan(page, dialogs);

  // 3. try it: the briefing is sanitized Markdown, hints are text
  await page.getByRole("button", { name: "Try it", exact: true }).click();
  await expect(page.locator(".try-briefing")).toContainText(XSS_TEXT);
  await expect(page.locator(".try-briefing summary")).toContainText(`XSS ${XSS_PAYLOADS[1]}`);
  await expect(page.locator(".try-briefing a", { hasText: "a safe link" })).toHaveAttribute("href", "https://example.com/runbook");
  await expect(page.locator(".try-hints")).toContainText(XSS_TEXT);
  await freshPrompt(page);
  await page.screenshot({ path: `${SHOTS}/editor-xss-try.png` });
  await assertNothingRan(page, dialogs);

  // 4. recorded narration carrying the payloads, written back as an anti-path
  await restartWith(page, "Record walkthrough");
  await runCommand(page, "echo '<img src=x onerror=alert(1)>'");
  await page.getByLabel("Narration for step 1").fill(XSS_PAYLOADS.slice(0, 12).join(" "));
  await page.getByLabel("Anti-path id").fill("xss-path");
  await page.getByRole("button", { name: "Write as anti-path" }).click();
  await expect.poll(() => editorText(page)).toContain("id: xss-path");
  await expect(await status(page)).toHaveText("valid");
  await assertNothingRan(page, dialogs);

  // 5. the same file through the file picker and through a drop
  await page.getByTestId("editor-file-input").setInputFiles({ name: "picked.yaml", mimeType: "application/yaml", buffer: Buffer.from(xssScenario(template, "xss-picked")) });
  await expect.poll(() => editorText(page)).toContain("id: xss-picked");
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], "dropped.yaml", { type: "application/yaml" }));
    document.querySelector(".code-host")!.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, xssScenario(template, "xss-dropped"));
  await expect.poll(() => editorText(page)).toContain("id: xss-dropped");
  await expect(page.locator(".editor-file")).toHaveText("dropped.yaml");
  await expect(await status(page)).toHaveText("valid");

  // 6. saved (only after its self-check passed) and listed under My scenarios: title and summary are text
  await page.getByRole("button", { name: "Save to My scenarios" }).click();
  await expect(page.getByRole("alert")).toContainText('Run "Test this scenario" first');
  await page.getByRole("button", { name: "Test this scenario" }).click();
  await expect(page.getByTestId("self-test-result")).toContainText("PASS: 4 of 4 checks passed", { timeout: 180_000 });
  await assertNothingRan(page, dialogs);
  await page.getByRole("button", { name: "Save to My scenarios" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toContainText('Saved "xss-dropped"');
  await page.getByRole("link", { name: "Scenarios" }).click();
  const mine = page.locator('[data-my-scenario="xss-dropped"]');
  await expect(mine.locator(".my-title")).toHaveText(`XSS ${XSS_PAYLOADS[1]}`);
  await expect(mine.locator(".my-summary")).toContainText(XSS_TEXT);
  await mine.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/editor-xss-my-scenarios.png` });
  await assertNothingRan(page, dialogs);

  // 7. played: briefing, a revealed hint, then the report's rubric reasons and narration
  await mine.getByRole("button", { name: "Play" }).click();
  await expect(page.locator(".briefing")).toContainText(XSS_TEXT);
  await freshPrompt(page);
  await advanceWall(page, 3 * 60_000);
  await runCommand(page, "uptime");
  await page.getByRole("button", { name: /^Reveal hint 1/ }).click();
  await expect(page.getByRole("region", { name: "Hints" })).toContainText(XSS_TEXT);
  await page.screenshot({ path: `${SHOTS}/editor-xss-play.png` });
  await assertNothingRan(page, dialogs);
  const form = page.getByRole("form", { name: "Diagnosis" });
  await form.getByLabel("Root-cause category").selectOption("cpu-saturation");
  await form.getByLabel("Root cause").fill(XSS_PAYLOADS.slice(0, 6).join(" "));
  await form.getByRole("button", { name: "Submit diagnosis" }).click();
  const dialog = page.getByRole("dialog", { name: "Rate your own investigation" });
  for (const phase of ["triage", "isolate", "inspect", "hypothesize", "fix", "verify"]) await dialog.locator(`input[name="${phase}"][value="2"]`).check();
  await dialog.getByRole("button", { name: "Show my grade" }).click();
  await expect(page.getByTestId("score")).toBeVisible();
  const report = page.locator("main");
  await expect(report).toContainText(`${XSS_PAYLOADS[0]} a load average above the CPU count`);
  await expect(report).toContainText(`${XSS_PAYLOADS[1]} reindex as the process burning the CPUs`);
  await expect(report.locator(".paths")).toContainText(XSS_TEXT);
  await page.screenshot({ path: `${SHOTS}/editor-xss-report.png`, fullPage: true });
  await assertNothingRan(page, dialogs);
  expect(errors).toEqual([]);
});
