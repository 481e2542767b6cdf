/**
 * Browser measurements (a benchmark, never a test): builds the app, serves the production build
 * with `vite preview` and drives Debian's Chromium (playwright-core) through it. Measures the
 * cold load of a scenario until its prompt is on screen, keystroke-to-echo latency (key event to
 * the terminal's DOM showing it, ~200 keys), the JavaScript a first visit downloads (gzipped),
 * a walk of over 1,000,000 directory entries (`find` over inode-exhaustion's synthetic session
 * directory, twice) with the longest main-thread task seen meanwhile (PerformanceObserver
 * longtask: the engine worker should keep the page free), memory (page + engine worker, by
 * performance.measureUserAgentSpecificMemory, which the cross-origin-isolated app may call)
 * with the largest scenario loaded and after the walk, and memory across 10 consecutive
 * scenario runs. Skips with a message when Chromium is missing. Alone: `npx tsx bench/browser.ts`
 * (--dist DIR reuses a build; --no-write leaves bench/README.md alone).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium, type Browser, type Page } from "playwright-core";

/** The page's globals that the callbacks run in Chromium use (bench compiles without the DOM library). */
declare const window: unknown;
declare const document: {
  addEventListener(type: string, fn: (e: { timeStamp: number }) => void, capture: boolean): void;
  querySelector(selector: string): { textContent: string | null } | null;
};
declare const MutationObserver: new (fn: () => void) => { observe(node: unknown, options: object): void };

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const MiB = 1024 * 1024;

interface Figures {
  coldMs: number[];
  keyMedianMs: number;
  keyP95Ms: number;
  keys: number;
  entryGzKiB: number;
  firstVisitGzKiB: number;
  walkEntries: number;
  walkMs: number;
  walkLongestTaskMs: number;
  largestScenario: string;
  heapLargestMiB: number;
  heapAfterWalkMiB: number;
  heapRunsMiB: number[];
}

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview did not answer at ${url}`);
}

interface Hook {
  terminalText(): string;
}
const text = (page: Page): Promise<string> => page.evaluate(() => (window as unknown as { faultlineTest: Hook }).faultlineTest.terminalText());
const prompts = async (page: Page): Promise<number> => ((await text(page)).match(/^\S+@\S+:[^\n]*?[$#] /gm) ?? []).length;

/** Navigates to a scenario and resolves with ms from navigation start to its first prompt on screen. */
async function openScenario(page: Page, base: string, id: string): Promise<number> {
  await page.goto(`${base}/?e2e=1#/play/${id}?seed=1`);
  await page.waitForFunction(() => {
    const rows = document.querySelector(".xterm-rows")?.textContent ?? "";
    if (!/[$#]\s*$/.test(rows.trimEnd() + " ") || !/@\S+:/.test(rows)) return false;
    (window as unknown as { promptAt: number }).promptAt ??= performance.now();
    return true;
  }, undefined, { polling: "raf", timeout: 60_000 });
  await page.locator(".xterm-helper-textarea").focus();
  return page.evaluate(() => (window as unknown as { promptAt: number }).promptAt);
}

async function runLine(page: Page, line: string): Promise<number> {
  const before = await prompts(page);
  await page.keyboard.type(line);
  const entered = Date.now();
  await page.keyboard.press("Enter");
  while ((await prompts(page)) <= before) await new Promise((r) => setTimeout(r, 20));
  return Date.now() - entered;
}

/** Page + engine worker bytes (the browser's own accounting; eager with the flag we launch with). */
async function memoryMiB(page: Page): Promise<number> {
  const bytes = await page.evaluate(async () => {
    const p = performance as unknown as { measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }> };
    if (!p.measureUserAgentSpecificMemory) return Number.NaN;
    const m = (await p.measureUserAgentSpecificMemory()) as unknown as { bytes: number; breakdown: { bytes: number; attribution: { scope: string }[] }[] };
    (window as unknown as { breakdown: string }).breakdown = m.breakdown.map((b) => `${b.attribution.map((a) => a.scope).join("+")}:${(b.bytes / 1048576).toFixed(1)}`).join(" ");
    return m.bytes;
  });
  return bytes / MiB;
}

async function keystrokes(page: Page, n: number): Promise<number[]> {
  await page.evaluate(() => {
    const w = window as unknown as { lat: number[]; pending: number | undefined };
    w.lat = [];
    w.pending = undefined;
    document.addEventListener("keydown", (e) => (w.pending = e.timeStamp), true);
    const rows = document.querySelector(".xterm-rows")!;
    new MutationObserver(() => {
      if (w.pending === undefined) return;
      w.lat.push(performance.now() - w.pending);
      w.pending = undefined;
    }).observe(rows, { subtree: true, childList: true, characterData: true });
  });
  const letters = "abcdefghijklmnopqrstuvwxyz";
  for (let i = 0; i < n; i++) {
    if (i > 0 && i % 40 === 0) {
      await page.keyboard.press("Control+U");
      await page.waitForTimeout(30);
      await page.evaluate(() => ((window as unknown as { lat: number[] }).lat.pop()));
    }
    const want = i + 1 - Math.floor(i / 40);
    await page.keyboard.press(letters[i % 26]);
    await page.waitForFunction((k) => (window as unknown as { lat: number[] }).lat.length >= k, want, { polling: 5 });
  }
  await page.keyboard.press("Control+U");
  return page.evaluate(() => (window as unknown as { lat: number[] }).lat);
}

/** JS a first visit loads: the page's entry and its imports, and everything with the worker. */
function jsSizes(dist: string, loaded: string[]): { entry: number; all: number } {
  const gz = (f: string) => gzipSync(readFileSync(join(dist, f))).length;
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const entry = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const files = new Set(loaded.map((u) => new URL(u).pathname.slice(1)).filter((p) => p.endsWith(".js") && existsSync(join(dist, p))));
  return { entry: entry.reduce((s, f) => s + gz(f), 0) / 1024, all: [...files].reduce((s, f) => s + gz(f), 0) / 1024 };
}

function largestScenario(): string {
  const files = readdirSync(join(ROOT, "scenarios")).filter((f) => f.endsWith(".yaml"));
  return files.sort((a, b) => statSync(join(ROOT, "scenarios", b)).size - statSync(join(ROOT, "scenarios", a)).size)[0]!.replace(/\.yaml$/, "");
}

async function measure(browser: Browser, base: string, dist: string, log: (s: string) => void): Promise<Figures> {
  const fresh = async () => {
    const ctx = await browser.newContext({ serviceWorkers: "block", viewport: { width: 1280, height: 800 } });
    return { ctx, page: await ctx.newPage() };
  };

  // cold loads (new context each: empty cache), the first one also counts the JS it fetched
  const coldMs: number[] = [];
  let loaded: string[] = [];
  for (let i = 0; i < 5; i++) {
    const { ctx, page } = await fresh();
    const urls: string[] = [];
    ctx.on("request", (r) => urls.push(r.url()));
    coldMs.push(await openScenario(page, base, "high-load-low-cpu"));
    if (i === 0) loaded = urls;
    await ctx.close();
  }
  log(`browser: cold load ${coldMs.map((x) => x.toFixed(0)).join(", ")} ms\n`);
  const sizes = jsSizes(dist, loaded);

  // keystroke echo
  let { ctx, page } = await fresh();
  await openScenario(page, base, "high-load-low-cpu");
  const lat = await keystrokes(page, 200);
  await ctx.close();
  log(`browser: ${lat.length} keys, median ${quantile(lat, 0.5).toFixed(1)} ms\n`);

  // largest scenario's memory
  const largest = largestScenario();
  ({ ctx, page } = await fresh());
  await openScenario(page, base, largest);
  await runLine(page, "ps aux | wc -l");
  const heapLargestMiB = await memoryMiB(page);
  log(`browser: memory by scope ${await page.evaluate(() => (window as unknown as { breakdown: string }).breakdown)}\n`);
  await ctx.close();

  // the 1,000,000-entry walk, with long tasks observed on the main thread
  ({ ctx, page } = await fresh());
  await page.addInitScript(() => {
    const w = window as unknown as { longest: number; watching: boolean; longTasks: number };
    w.longest = 0;
    w.longTasks = 0;
    w.watching = false;
    new PerformanceObserver((l) => {
      w.longTasks += l.getEntries().length;
      for (const e of l.getEntries()) if (w.watching) w.longest = Math.max(w.longest, e.duration);
    }).observe({ type: "longtask", buffered: false } as unknown as { type: "mark" });
  });
  await openScenario(page, base, "inode-exhaustion");
  const dir = "/var/lib/php/sessions";
  await runLine(page, `sudo ls -f ${dir} | wc -l`);
  const perWalk = Number(/^(\d{6,})$/m.exec(await text(page))?.[1] ?? Number.NaN);
  await page.evaluate(() => ((window as unknown as { watching: boolean }).watching = true));
  const walkMs = await runLine(page, `sudo find ${dir} ${dir} | wc -l`);
  await page.evaluate(() => ((window as unknown as { watching: boolean }).watching = false));
  const out = await text(page);
  const walkEntries = Number([...out.matchAll(/^(\d{6,})$/gm)].at(-1)?.[1] ?? Number.NaN);
  const walkLongestTaskMs = await page.evaluate(() => (window as unknown as { longest: number }).longest);
  const heapAfterWalkMiB = await memoryMiB(page);
  // the observer works: the page's own start-up had long tasks before the walk
  log(`browser: long tasks seen since the page opened: ${await page.evaluate(() => (window as unknown as { longTasks: number }).longTasks)}\n`);
  log(`browser: walk of ${walkEntries} entries (${perWalk} per pass) ${walkMs} ms, longest task ${walkLongestTaskMs.toFixed(0)} ms\n`);

  // 10 consecutive runs in one tab: catalog -> scenario -> a few commands -> catalog
  const heapRunsMiB: number[] = [];
  for (let i = 0; i < 10; i++) {
    await page.goto(`${base}/?e2e=1#/`);
    await page.locator(".card").first().waitFor();
    await openScenario(page, base, "oom-killer");
    for (const l of ["uptime", "free -m", "ps aux --sort=-rss | head", "dmesg | tail"]) await runLine(page, l);
    heapRunsMiB.push(await memoryMiB(page));
  }
  await ctx.close();
  return {
    coldMs,
    keyMedianMs: quantile(lat, 0.5),
    keyP95Ms: quantile(lat, 0.95),
    keys: lat.length,
    entryGzKiB: sizes.entry,
    firstVisitGzKiB: sizes.all,
    walkEntries,
    walkMs,
    walkLongestTaskMs,
    largestScenario: largest,
    heapLargestMiB,
    heapAfterWalkMiB,
    heapRunsMiB,
  };
}

const ok = (pass: boolean) => (pass ? "PASS" : "MISS");

export function browserLines(f: Figures): string {
  const cold = quantile(f.coldMs, 0.5);
  const growth = (f.heapRunsMiB.at(-1) ?? 0) - (f.heapRunsMiB[0] ?? 0);
  const rows = [
    ["cold load to the first prompt (median of 5, empty cache)", `${cold.toFixed(0)} ms (${f.coldMs.map((x) => x.toFixed(0)).join(", ")})`, "< 1 s", ok(cold < 1000)],
    [`keystroke to echo on screen (${f.keys} keys)`, `median ${f.keyMedianMs.toFixed(1)} ms, p95 ${f.keyP95Ms.toFixed(1)} ms`, "< 16 ms", ok(f.keyP95Ms < 16)],
    ["initial JS, gzipped: the page's entry", `${f.entryGzKiB.toFixed(0)} kB`, "< 600 kB", ok(f.entryGzKiB < 600)],
    ["JS a first visit to a scenario fetches, gzipped (page + engine worker + scenario)", `${f.firstVisitGzKiB.toFixed(0)} kB`, "-", ""],
    [`\`sudo find DIR DIR \\| wc -l\` over ${f.walkEntries} entries (inode-exhaustion)`, `${f.walkMs} ms`, "-", ""],
    ["longest main-thread task during that walk", `${f.walkLongestTaskMs.toFixed(0)} ms${f.walkLongestTaskMs === 0 ? " (none over 50 ms)" : ""}`, "< 50 ms", ok(f.walkLongestTaskMs < 50)],
    [`memory, page + worker, largest scenario (${f.largestScenario}) loaded`, `${f.heapLargestMiB.toFixed(0)} MiB`, "< 300 MB", ok(f.heapLargestMiB * 1.048576 < 300)],
    ["memory after the walk", `${f.heapAfterWalkMiB.toFixed(0)} MiB`, "< 300 MB", ok(f.heapAfterWalkMiB * 1.048576 < 300)],
    ["memory over 10 consecutive oom-killer runs in one tab", `${f.heapRunsMiB.map((x) => x.toFixed(0)).join(", ")} MiB (growth ${growth.toFixed(1)})`, "no growth (< 5 MB)", ok(growth < 5)],
  ];
  return ["| browser case | figure | target | result |", "| --- | --- | --- | --- |", ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

/** Replaces bench/README.md's browser figures (between its browser markers). */
export function writeBrowserFigures(body: string): void {
  const readme = join(HERE, "README.md");
  const start = "<!-- browser:start -->";
  const end = "<!-- browser:end -->";
  const current = readFileSync(readme, "utf8");
  const a = current.indexOf(start);
  const b = current.indexOf(end);
  if (a < 0 || b < a) throw new Error(`bench/README.md lacks the ${start} ... ${end} markers`);
  const stamp = new Date().toISOString().slice(0, 10);
  writeFileSync(readme, `${current.slice(0, a + start.length)}\n_Measured ${stamp}._\n\n${body}\n${current.slice(b)}`);
}

/** Runs the browser measurements; undefined (with a message) when Chromium is missing. */
export async function benchBrowser(log: (s: string) => void, distArg?: string): Promise<string | undefined> {
  if (!existsSync(CHROMIUM)) {
    log(`browser: skipped, no Chromium at ${CHROMIUM} (install Debian's chromium package or set CHROMIUM_PATH)\n`);
    return undefined;
  }
  let dist = distArg;
  if (!dist) {
    dist = join(tmpdir(), `faultline-bench-dist-${process.pid}`);
    log("browser: vite build\n");
    const b = spawnSync("npx", ["vite", "build", "--outDir", dist, "--emptyOutDir"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
    if (b.status !== 0) throw new Error("vite build failed");
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn("npx", ["vite", "preview", "--host", "127.0.0.1", "--port", String(port), "--strictPort", "--outDir", dist], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"], detached: true });
  let browser: Browser | undefined;
  try {
    await waitFor(base + "/", 30_000);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--enable-blink-features=ForceEagerMeasureMemory"] });
    const figures = browserLines(await measure(browser, base, dist, log));
    return `${figures}\n\nChromium ${browser.version()} (headless) against \`vite preview\` of the production build, service worker off (every load is cold); ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)} when it finished.`;
  } finally {
    await browser?.close();
    try {
      if (server.pid) process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const dist = args.includes("--dist") ? args[args.indexOf("--dist") + 1] : undefined;
  const body = await benchBrowser((s) => process.stderr.write(s), dist);
  if (body) {
    process.stdout.write(`${body}\n`);
    if (!args.includes("--no-write")) writeBrowserFigures(body);
  }
}
