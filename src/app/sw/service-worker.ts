/**
 * The app's service worker (built to /sw.js by build/precache-plugin.ts, which fills in the
 * list of built files and a version): it precaches the whole static build on install, so the
 * catalog and a scenario keep working with the network off once the app was loaded. Hashed
 * assets are served cache-first; page loads go to the network first and fall back to the
 * cached index.html. Every response it hands out carries the cross-origin isolation headers
 * (COOP/COEP, so SharedArrayBuffer and Ctrl-C keep working — `crossOriginIsolated` is decided
 * by the document's response, which is now ours) and the app's CSP, adding them when a plain
 * static host did not send them. Old caches are dropped when a new build activates.
 */

interface ExtendableEvent extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(r: Response | Promise<Response>): void;
}
interface SwScope {
  readonly location: Location;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: "install" | "activate", fn: (e: ExtendableEvent) => void): void;
  addEventListener(type: "fetch", fn: (e: FetchEvent) => void): void;
}

const sw = self as unknown as SwScope;

/** Filled in at build time: the built files (relative to the scope) and a version of the build. */
const PRECACHE = "__FAULTLINE_PRECACHE__" as unknown as string[];
const VERSION = "__FAULTLINE_VERSION__";
const CSP = "__FAULTLINE_CSP__";

const CACHE_PREFIX = "faultline-";
const CACHE = CACHE_PREFIX + VERSION;
const INDEX_URL = new URL("./", sw.location.href).href;

const ADDED_HEADERS: [string, string][] = [
  ["Cross-Origin-Opener-Policy", "same-origin"],
  ["Cross-Origin-Embedder-Policy", "require-corp"],
  ["Cross-Origin-Resource-Policy", "same-origin"],
];

/** A copy of the response with the isolation headers (and the CSP for pages and scripts). */
function withHeaders(r: Response, withCsp: boolean): Response {
  if (r.type === "opaque" || r.status === 0) return r;
  const h = new Headers(r.headers);
  for (const [k, v] of ADDED_HEADERS) if (!h.has(k)) h.set(k, v);
  if (withCsp && !h.has("Content-Security-Policy")) h.set("Content-Security-Policy", CSP);
  return new Response(r.body, { status: r.status, statusText: r.statusText, headers: h });
}

const isScript = (url: string): boolean => /\.m?js$/.test(new URL(url).pathname);

sw.addEventListener("install", (e) => {
  e.waitUntil(
    caches
      .open(CACHE)
      .then((c) => c.addAll(PRECACHE.map((u) => new Request(new URL(u, sw.location.href).href, { cache: "reload" }))))
      .then(() => sw.skipWaiting()),
  );
});

sw.addEventListener("activate", (e) => {
  e.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(CACHE_PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => sw.clients.claim()),
  );
});

async function page(req: Request): Promise<Response> {
  try {
    return withHeaders(await fetch(req), true);
  } catch {
    const cached = await caches.match(INDEX_URL, { cacheName: CACHE, ignoreVary: true });
    if (cached) return withHeaders(cached, true);
    return new Response("Faultline is offline and was never loaded on this device.", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}

async function asset(req: Request): Promise<Response> {
  const cached = await caches.match(req, { cacheName: CACHE, ignoreVary: true });
  if (cached) return withHeaders(cached, isScript(req.url));
  try {
    return withHeaders(await fetch(req), isScript(req.url));
  } catch {
    return new Response("", { status: 503, statusText: "offline" });
  }
}

sw.addEventListener("fetch", (e) => {
  const req = e.request;
  if (req.method !== "GET" || new URL(req.url).origin !== sw.location.origin) return;
  e.respondWith(req.mode === "navigate" ? page(req) : asset(req));
});
