/**
 * `npm run e2e` after the build: serves dist/ with `vite preview` on a free localhost port,
 * waits until it answers, runs the Playwright specs against it, stops the server and exits
 * with the tests' status. Extra arguments go to `playwright test` (e.g. a spec name).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";

/** Debian's Chromium is required (the project never downloads a browser of its own). */
function ensureChromium() {
  const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (existsSync(path)) return;
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  if (root && existsSync("/usr/bin/apt-get")) {
    console.log("e2e: installing Debian's chromium package (apt-get install chromium)");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    const r = spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env });
    if (r.status === 0 && existsSync(path)) return;
  }
  console.error(`e2e: no Chromium at ${path}. Install Debian's package (sudo apt-get install chromium) or set CHROMIUM_PATH.`);
  process.exit(1);
}

ensureChromium();

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitFor(url, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`preview server did not answer at ${url}`);
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
// E2E_DIST serves another build directory (e.g. `vite build --outDir /tmp/dist-x`), so several
// people can build and test side by side without overwriting each other's dist/
const outDir = process.env.E2E_DIST ? ["--outDir", process.env.E2E_DIST] : [];
const server = spawn("npx", ["vite", "preview", "--host", "127.0.0.1", "--port", String(port), "--strictPort", ...outDir], { stdio: ["ignore", "ignore", "inherit"], detached: true });
let code = 1;
try {
  await waitFor(base + "/", 30000);
  const started = Date.now();
  code = await new Promise((resolve) => {
    const t = spawn("npx", ["playwright", "test", ...process.argv.slice(2)], { stdio: "inherit", env: { ...process.env, E2E_BASE_URL: base } });
    t.on("exit", (c) => resolve(c ?? 1));
  });
  console.log(`e2e: specs took ${((Date.now() - started) / 1000).toFixed(1)} s`);
} finally {
  try {
    process.kill(-server.pid, "SIGTERM");
  } catch {
    // already gone
  }
}
process.exit(code);
