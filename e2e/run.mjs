/**
 * `npm run e2e` after the build: serves dist/ with `vite preview` on a free localhost port,
 * waits until it answers, runs the Playwright specs against it, stops the server and exits
 * with the tests' status. Extra arguments go to `playwright test` (e.g. a spec name).
 */
import { spawn } from "node:child_process";
import { createServer } from "node:net";

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
const server = spawn("npx", ["vite", "preview", "--host", "127.0.0.1", "--port", String(port), "--strictPort"], { stdio: ["ignore", "ignore", "inherit"], detached: true });
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
