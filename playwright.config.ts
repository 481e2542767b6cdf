/**
 * Playwright configuration for the browser app's end-to-end tests (e2e/*.spec.ts). It drives
 * the machine's Debian Chromium through playwright-core (never a downloaded browser):
 * CHROMIUM_PATH or /usr/bin/chromium, with flags that keep it quiet offline. The server is
 * started by e2e/run.mjs (`npm run e2e`), which passes its address in E2E_BASE_URL.
 */
import { defineConfig } from "@playwright/test";

export const CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export default defineConfig({
  testDir: "e2e",
  testMatch: "*.spec.ts",
  workers: 1,
  fullyParallel: false,
  timeout: 180_000,
  expect: { timeout: 20_000 },
  reporter: [["list"]],
  outputDir: process.env.E2E_OUT ?? "e2e/test-results",
  use: {
    baseURL: process.env.E2E_BASE_URL ?? "http://127.0.0.1:4173",
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: CHROMIUM_FLAGS,
    },
    trace: "off",
    screenshot: "only-on-failure",
  },
});
