/**
 * A Vite build plugin that builds the service worker (src/app/sw/service-worker.ts) to
 * /sw.js and fills in what it precaches: every file of the build (index.html as "./", the
 * page's chunks and CSS, the engine worker) and a version derived from their hashed names, so
 * a new build installs a new cache and drops the old one. Hand-written rather than Workbox:
 * the whole policy is forty lines and it must add the COOP/COEP headers that
 * SharedArrayBuffer needs, which no precache plugin does for us.
 */
import type { Plugin } from "vite";
import { CONTENT_SECURITY_POLICY_HEADER } from "./csp.js";

const SW_SOURCE = new URL("../sw/service-worker.ts", import.meta.url);
const SW_FILE = "sw.js";

/** FNV-1a of a text, hex (the build version). */
function fnv(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, "0");
}

export function precacheServiceWorker(): Plugin {
  return {
    name: "faultline:precache-service-worker",
    apply: "build",
    // after Vite's own plugins have emitted index.html and the CSS
    enforce: "post",
    buildStart() {
      this.emitFile({ type: "chunk", id: decodeURIComponent(SW_SOURCE.pathname), fileName: SW_FILE });
    },
    generateBundle(_options, bundle) {
      const sw = bundle[SW_FILE];
      if (!sw || sw.type !== "chunk") return this.error(`${SW_FILE} was not built`);
      if (sw.imports.length > 0) return this.error(`${SW_FILE} must not import other chunks (it is loaded as a classic script)`);
      const files = [...new Set(["./", ...Object.keys(bundle).filter((f) => f !== SW_FILE && f !== "index.html" && !f.endsWith(".map"))])].sort();
      const version = fnv(files.join("\n"));
      const precache = /(["'`])__FAULTLINE_PRECACHE__\1/;
      if (!precache.test(sw.code) || !sw.code.includes("__FAULTLINE_VERSION__") || !sw.code.includes("__FAULTLINE_CSP__")) return this.error(`${SW_FILE}: build placeholders not found`);
      sw.code = sw.code
        .replace(precache, JSON.stringify(files))
        .replaceAll("__FAULTLINE_VERSION__", version)
        .replaceAll("__FAULTLINE_CSP__", CONTENT_SECURITY_POLICY_HEADER.replace(/[\\"'`$]/g, (c) => (c === "'" ? "\\x27" : "\\" + c)));
    },
  };
}
