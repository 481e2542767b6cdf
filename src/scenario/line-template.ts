/**
 * Log generation for scenario files: a line template with fields, expanded N times with
 * seeded variation, e.g. nginx access logs with a skewed client IP distribution. Fields:
 * {i} index, {ip} a client address (Zipf-skewed over 400 clients), {time} an nginx/apache
 * timestamp going forward, {iso} ISO-8601 time, {status} an HTTP status (mostly 200),
 * {path} a request path, {ms} a latency, {ua} a user agent, {bytes} a response size.
 * Fields may carry weights: {status:200=90,404=6,502=4} or {path:/api/orders=5,/health=1}.
 */
import { createRng, civilFromEpochMs, MONTHS, pad } from "../engine/index.js";

const PATHS = ["/", "/api/orders", "/api/orders/{id}", "/api/cart", "/api/users/me", "/static/app.js", "/static/app.css", "/health", "/login", "/api/search?q={q}"];
const UAS = ["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36", "curl/7.88.1", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1", "python-requests/2.31.0", "kube-probe/1.29"];

function weighted(spec: string, r: number): string {
  const items = spec.split(",").map((x) => {
    const [v, w] = x.split("=");
    return [v ?? "", Number(w ?? 1)] as const;
  });
  const total = items.reduce((a, [, w]) => a + w, 0);
  let acc = 0;
  for (const [v, w] of items) {
    acc += w / total;
    if (r < acc) return v;
  }
  return items[items.length - 1]![0];
}

export function generateLines(template: string, count: number, seed: number, endEpochMs: number): string {
  const rng = createRng(seed ^ 0x51ed27);
  const clients = Array.from({ length: 400 }, (_, i) => `${[10, 172, 192, 203, 198][i % 5]}.${(i * 37) % 250}.${(i * 91) % 250}.${(i * 13) % 250 + 2}`);
  const stepMs = Math.max(1, Math.floor((3600 * 1000) / count));
  let out = "";
  for (let i = 0; i < count; i++) {
    const t = endEpochMs - (count - i) * stepMs;
    const c = civilFromEpochMs(t);
    const zipf = Math.floor(Math.pow(rng.next(), 3) * clients.length);
    const line = template.replace(/\{(\w+)(?::([^}]*))?\}/g, (m, name: string, arg?: string) => {
      switch (name) {
        case "i":
          return String(i);
        case "ip":
          return arg ? weighted(arg, rng.next()) : clients[zipf]!;
        case "time":
          return `${pad(c.day)}/${MONTHS[c.month - 1]}/${c.year}:${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)} +0000`;
        case "iso":
          return `${c.year}-${pad(c.month)}-${pad(c.day)}T${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}.${pad(c.ms, 3)}Z`;
        case "status":
          return arg ? weighted(arg, rng.next()) : weighted("200=92,304=3,404=3,500=1,502=1", rng.next());
        case "path":
          return (arg ? weighted(arg, rng.next()) : rng.pick(PATHS)).replace("{id}", String(rng.int(1000, 99999))).replace("{q}", rng.pick(["shoes", "lamp", "desk", "cable"]));
        case "ms":
          return String(rng.int(2, arg ? Number(arg) : 250));
        case "ua":
          return rng.pick(UAS);
        case "bytes":
          return String(rng.int(120, 48000));
        case "pick":
          return arg ? weighted(arg, rng.next()) : "";
        default:
          return m;
      }
    });
    out += line + "\n";
  }
  return out;
}
