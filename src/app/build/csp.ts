/**
 * The app's Content-Security-Policy, in one place. index.html carries it as a <meta> tag (so
 * any static host enforces it on the page); `vite preview` and the service worker also send
 * it as a header, which reaches the engine worker's script too (a worker is governed by the
 * CSP of its own response, not the page's meta tag). No 'unsafe-inline' or 'unsafe-eval'
 * for scripts: the schema validators are precompiled at build time (precompiled-validator.ts)
 * because ajv would otherwise compile them with `new Function` in the worker.
 * 'unsafe-inline' stays for styles only: xterm.js writes its theme and cell styles into
 * <style> elements it creates at run time.
 * `ws:`/`wss:` are for the dev server's hot reload.
 */
import type { Plugin } from "vite";

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' ws: wss:; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'none'";

/** As a header (frame-ancestors is only honoured in a header). */
export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;

/** Fails the build when index.html's CSP meta tag and CONTENT_SECURITY_POLICY differ. */
export function checkCspMeta(): Plugin {
  return {
    name: "faultline:csp-meta",
    apply: "build",
    transformIndexHtml(html) {
      const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
      if (meta !== CONTENT_SECURITY_POLICY) throw new Error("index.html's Content-Security-Policy <meta> must equal CONTENT_SECURITY_POLICY in src/app/build/csp.ts");
      return html;
    },
  };
}
