/**
 * Vite build of the browser app (index.html -> src/app/main.tsx; the engine runs in the
 * module worker src/app/worker/engine-worker.ts). The dev and preview servers send the
 * cross-origin isolation headers that SharedArrayBuffer (the Ctrl-C flag) needs; a static
 * host must send the same two headers (see docs or README).
 */
import { defineConfig } from "vite";

export const ISOLATION_HEADERS = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

export default defineConfig({
  server: { headers: ISOLATION_HEADERS },
  preview: { headers: ISOLATION_HEADERS },
  worker: { format: "es" },
  build: {
    outDir: "dist",
    target: "es2022",
    chunkSizeWarningLimit: 2000,
  },
});
