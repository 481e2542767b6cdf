/**
 * Our asciicast exports play in asciinema-player (the npm package, its standalone bundle) in
 * Chromium: the oom-killer walkthrough's golden v2 and v3 casts load, last the same, end on
 * the screen the terminal ended on, and their milestone markers are where the cast puts them;
 * a cast with a full-screen program shows its frame on the alternate screen in the middle and
 * the main screen back at the end. Needs no app: the page is built from the player's bundle.
 */
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { toAsciicast } from "../src/replay/asciicast.js";
import type { SessionLog } from "../src/replay/session-log.js";

const BUNDLE = "node_modules/asciinema-player/dist/bundle";

async function playerPage(page: Page): Promise<string[]> {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => void (m.type() === "error" && errors.push(m.text())));
  await page.setContent(`<!doctype html><html><head><style>${readFileSync(`${BUNDLE}/asciinema-player.css`, "utf8")}</style></head><body><div id="p"></div></body></html>`);
  await page.addScriptTag({ content: readFileSync(`${BUNDLE}/asciinema-player.min.js`, "utf8") });
  return errors;
}

interface Probe {
  duration: number;
  /** terminal text (rows joined) at each requested time */
  screens: string[];
  /** time after seeking to each marker */
  markerTimes: number[];
}

/** Loads a cast in the player, seeks to each time (s) and reads the terminal; then visits the markers. */
function probe(page: Page, cast: string, times: number[], markers: number): Promise<Probe> {
  return page.evaluate(
    async ({ cast, times, markers }) => {
      const el = document.getElementById("p")!;
      el.innerHTML = "";
      const AP = (window as unknown as { AsciinemaPlayer: { create(src: unknown, el: Element, opts: unknown): any } }).AsciinemaPlayer;
      const player = AP.create({ data: cast }, el, { preload: true });
      const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
      let duration: number | undefined;
      for (let i = 0; i < 100 && duration === undefined; i++) {
        await sleep(50);
        duration = player.getDuration();
      }
      const text = () => [...el.querySelectorAll(".ap-line")].map((l) => (l.textContent ?? "").replace(/\s+$/, "")).join("\n");
      const screens: string[] = [];
      for (const t of times) {
        await player.seek(t < 0 ? duration! : t);
        await sleep(300);
        screens.push(text());
      }
      const markerTimes: number[] = [];
      for (let m = 0; m < markers; m++) {
        await player.seek({ marker: m });
        await sleep(100);
        markerTimes.push(player.getCurrentTime());
      }
      return { duration: duration!, screens, markerTimes };
    },
    { cast, times, markers },
  );
}

test("the oom-killer walkthrough's v2 and v3 casts play in asciinema-player, with their markers", async ({ page }) => {
  const errors = await playerPage(page);
  const results: Probe[] = [];
  for (const v of [2, 3]) {
    const cast = readFileSync(`src/replay/__golden__/oom-killer.v${v}.cast`, "utf8");
    const r = await probe(page, cast, [-1], 4);
    // the file's idle_time_limit (2 s) shortens the 5 s think times: 235 s of sim time play in 22 s
    expect(r.duration).toBe(22);
    const end = r.screens[0]!;
    expect(end).toContain("sre@orders-02:~$ systemctl status api --no-pager | head -n 3");
    expect(end).toContain("Active: active (running)");
    expect(end.split("\n").filter((l) => l !== "").at(-1)).toBe("sre@orders-02:~$");
    results.push(r);
  }
  expect(results[1]).toEqual(results[0]);
  // key evidence, hypothesis, fix, verification, in order, inside the recording
  const m = results[0]!.markerTimes;
  expect(m).toHaveLength(4);
  expect([...m].sort((a, b) => a - b)).toEqual(m);
  expect(m[0]).toBeGreaterThan(0);
  expect(m[3]).toBeLessThan(22);
  expect(errors).toEqual([]);
});

test("a full-screen program's frame shows on the alternate screen, and the main screen comes back", async ({ page }) => {
  const errors = await playerPage(page);
  const h: SessionLog["header"] = { format: "faultline-session", version: 1, engineVersion: "0.1.0", scenarioId: "demo", scenarioHash: "x", seed: 1, cols: 60, rows: 8, startedSimMs: 0, user: "sre", interactive: true, hostname: "web-01", prompt: "sre@web-01:~$ " };
  const out = (stdout: string, extra: object = {}) => ({ stdout, stderr: "", exitCode: 0, evidence: [], simMs: 0, prompt: "sre@web-01:~$ ", ...extra });
  const log: SessionLog = {
    header: h,
    events: [
      [1000, "input", "echo before"],
      [1000, "output", out("before\n")],
      [2000, "input", "top"],
      [2000, "output", out("", { screen: true })],
      [2000, "frame", "top - 10:00:00 up 1 day\nTasks: 55 total\n"],
      [5000, "wait", 3000],
      [5000, "frame", "top - 10:00:03 up 1 day\nTasks: 56 total\n"],
      [6000, "key", "q"],
      [6000, "leave", "q"],
      [7000, "input", "echo after"],
      [7000, "output", out("after\n")],
    ],
  };
  for (const version of [2, 3] as const) {
    const r = await probe(page, toAsciicast(log, { version }), [3, 5.5, -1], 0);
    expect(r.duration).toBe(7);
    expect(r.screens[0]).toBe("top - 10:00:00 up 1 day\nTasks: 55 total" + "\n".repeat(6));
    expect(r.screens[1]).toBe("top - 10:00:03 up 1 day\nTasks: 56 total" + "\n".repeat(6));
    expect(r.screens[2]).toBe("sre@web-01:~$ echo before\nbefore\nsre@web-01:~$ top\nsre@web-01:~$ echo after\nafter\nsre@web-01:~$" + "\n".repeat(2));
  }
  expect(errors).toEqual([]);
});
