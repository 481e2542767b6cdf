/**
 * Durations in scenario files: "500ms", "30s", "2m", "1h", "3d", or a number of seconds.
 */
export function parseDuration(v: string | number): number {
  if (typeof v === "number") return Math.round(v * 1000);
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(v.trim());
  if (!m) return 0;
  const n = Number(m[1]);
  const unit = m[2];
  return Math.round(unit === "ms" ? n : unit === "s" ? n * 1000 : unit === "m" ? n * 60000 : unit === "h" ? n * 3600000 : n * 86400000);
}
