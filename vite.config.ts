/**
 * Vite build of the browser app (index.html -> src/app/main.tsx; the engine runs in the
 * module worker src/app/worker/engine-worker.ts). The dev and preview servers send the
 * cross-origin isolation headers that SharedArrayBuffer (the Ctrl-C flag) needs; a static
 * host must send the same two headers (see docs or README). The preview server also sends the
 * app's Content-Security-Policy (src/app/build/csp.ts); the build precompiles the scenario
 * validators for the worker (no `new Function` under that CSP) and adds a service worker that
 * precaches the build for offline use (src/app/build/).
 */
import { defineConfig } from "vite";
import { CONTENT_SECURITY_POLICY_HEADER, checkCspMeta } from "./src/app/build/csp.js";
import { precacheServiceWorker } from "./src/app/build/precache-plugin.js";
import { precompiledValidator } from "./src/app/build/precompiled-validator.js";

export const ISOLATION_HEADERS = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

export default defineConfig({
  server: { headers: ISOLATION_HEADERS },
  preview: { headers: { ...ISOLATION_HEADERS, "Content-Security-Policy": CONTENT_SECURITY_POLICY_HEADER } },
  plugins: [checkCspMeta(), precompiledValidator(), precacheServiceWorker()],
  worker: { format: "es", plugins: () => [precompiledValidator()] },
  build: {
    outDir: "dist",
    target: "es2022",
    chunkSizeWarningLimit: 2000,
  },
});
