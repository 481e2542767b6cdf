/**
 * Registers the service worker (/sw.js, built by build/precache-plugin.ts) in production
 * builds, once the page has loaded so its precaching never competes with the first paint.
 * A browser without service workers, or a failed registration, simply stays online-only
 * (`navigator.serviceWorker.ready` tells tests and the benchmark when the build is cached).
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL }).catch(() => {
      // offline use is an extra: without it the app works as before
    });
  };
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
}
