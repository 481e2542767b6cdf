/**
 * Benchmark fixtures, built the same way in the simulation and on the real machine: a busy
 * 500-process demo host, a directory of 1,000,000 empty files (a synthetic dir in the VFS; real
 * empty files on tmpfs), and a deterministic 50,000-line nginx access log (in the VFS and on disk).
 */
import { closeSync, existsSync, mkdirSync, openSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildHost, demoHostSpec, syntheticDirsOf, type Host, type HostSpec, type ProcSpec } from "../src/engine/index.js";

export const BIG_DIR = "/var/lib/php/sessions";
export const BIG_COUNT = 1_000_000;
export const LOG_PATH = "/var/log/nginx/access.log";
export const LOG_LINES = 50_000;

/** A small seeded PRNG (mulberry32): the fixtures are identical on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 450 extra processes of the kinds a busy web host runs (php-fpm pool, workers, sessions, cron). */
function extraProcesses(n: number): ProcSpec[] {
  const rnd = prng(450);
  const out: ProcSpec[] = [];
  for (let i = 0; i < n; i++) {
    const kind = i % 9;
    const rssKiB = 4000 + Math.floor(rnd() * 60000);
    if (kind < 4) out.push({ comm: "php-fpm8.2", argv: ["php-fpm: pool www"], user: "www-data", rssKiB, vszKiB: rssKiB * 4, cpuDemand: rnd() * 0.01 });
    else if (kind < 6) out.push({ comm: "python3", argv: ["/usr/bin/python3", "/opt/orders/worker.py", `--queue=q${i % 12}`], user: "app", rssKiB: rssKiB * 2, vszKiB: rssKiB * 6, cpuDemand: rnd() * 0.02 });
    else if (kind === 6) out.push({ comm: "sshd", argv: [`sshd: sre@pts/${i % 40}`], user: "sre", rssKiB: 7000, vszKiB: 17000 });
    else if (kind === 7) out.push({ comm: "bash", argv: ["-bash"], user: "sre", rssKiB: 5200, vszKiB: 8900, tty: `pts/${i % 40}` });
    else out.push({ comm: "sleep", argv: ["sleep", "3600"], user: "root", rssKiB: 1000, vszKiB: 5400, state: "S" });
  }
  return out;
}

/** The demo host with 450 more processes (about 500 in all). */
export function busyHostSpec(): HostSpec {
  const spec = demoHostSpec(42);
  spec.processes = [...(spec.processes ?? []), ...extraProcesses(450)];
  return spec;
}

/** The demo host with a 1,000,000-entry directory of empty session files. */
export function bigDirSpec(): HostSpec {
  const spec = demoHostSpec(42);
  spec.files = [...(spec.files ?? []), { path: "/var/lib/php", dir: true }];
  spec.syntheticDirs = [{ path: BIG_DIR, count: BIG_COUNT, pattern: "sess_{hex}", sizeBytes: 0, owner: "www-data", group: "www-data" }];
  return spec;
}

/** The same 50,000 lines every time: combined log format, a few hundred clients with a long tail. */
export function accessLog(): string {
  const rnd = prng(50_000);
  const clients = Array.from({ length: 400 }, (_, i) => `10.${1 + (i % 7)}.${(i * 37) % 256}.${(i * 101) % 254 + 1}`);
  const paths = ["/", "/api/orders", "/api/orders/1842", "/api/health", "/static/app.js", "/static/app.css", "/login", "/api/cart"];
  const agents = ["curl/7.88.1", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "python-requests/2.31.0", "-"];
  const lines: string[] = [];
  let s = 11 * 3600 + 34 * 60;
  for (let i = 0; i < LOG_LINES; i++) {
    if (rnd() < 0.3) s++;
    const ip = clients[Math.floor(clients.length * rnd() ** 3)];
    const status = rnd() < 0.9 ? 200 : rnd() < 0.5 ? 502 : 404;
    const hh = String(Math.floor(s / 3600) % 24).padStart(2, "0");
    const mm = String(Math.floor(s / 60) % 60).padStart(2, "0");
    const ss = String(s % 60).padStart(2, "0");
    lines.push(`${ip} - - [22/Nov/2026:${hh}:${mm}:${ss} +0000] "GET ${paths[Math.floor(rnd() * paths.length)]} HTTP/1.1" ${status} ${100 + Math.floor(rnd() * 9000)} "-" "${agents[Math.floor(rnd() * agents.length)]}"`);
  }
  return lines.join("\n") + "\n";
}

/** The demo host with the benchmark access log in place of the demo's. */
export function logHostSpec(log: string): HostSpec {
  const spec = demoHostSpec(42);
  spec.files = (spec.files ?? []).filter((f) => f.path !== LOG_PATH);
  spec.files.push({ path: LOG_PATH, content: log, owner: "www-data", group: "adm", mode: 0o644 });
  return spec;
}

export function buildBusyHost(): Host {
  return buildHost(busyHostSpec());
}

/**
 * A real directory of the same 1,000,000 names, created once under `root` (tmpfs) and reused
 * while its marker says it is complete. Returns the directory path.
 */
export function realBigDir(root: string): string {
  const dir = join(root, "sessions");
  const marker = markerOf(root);
  if (existsSync(marker) && existsSync(dir)) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const host = buildHost(bigDirSpec());
  const names = syntheticDirsOf(host)[0].list();
  for (const name of names) closeSync(openSync(join(dir, name), "w"));
  writeFileSync(marker, `${names.length}\n`);
  return dir;
}

/** The cached directory was consumed (find -delete): the next run must recreate it. */
export function forgetRealBigDir(root: string): void {
  rmSync(markerOf(root), { force: true });
}

const markerOf = (root: string) => join(root, "sessions.complete");
