/**
 * A small SVG chart of the host over the session: CPU busy %, memory used %, the fullest
 * filesystem % (0–100, left axis) and load1 (scaled to its maximum, right axis), with a
 * marker per command (red for destructive, green for fixes).
 */
import type { MetricSample } from "../../engine/index.js";

interface Marker {
  simMs: number;
  label: string;
  tags: string[];
}

const W = 760;
const H = 240;
const PAD = { l: 40, r: 44, t: 14, b: 26 };

export function MetricsChart({ metrics, startSimMs, commands }: { metrics: MetricSample[]; startSimMs: number; commands: Marker[] }) {
  if (metrics.length < 2) return <p className="muted">Not enough samples for a chart.</p>;
  const t0 = startSimMs;
  const t1 = Math.max(metrics[metrics.length - 1].simMs, ...commands.map((c) => c.simMs), t0 + 1000);
  const x = (ms: number) => PAD.l + ((ms - t0) / (t1 - t0)) * (W - PAD.l - PAD.r);
  const yPct = (p: number) => PAD.t + (1 - Math.min(100, Math.max(0, p)) / 100) * (H - PAD.t - PAD.b);
  const maxLoad = Math.max(1, ...metrics.map((m) => m.load1));
  const yLoad = (l: number) => PAD.t + (1 - l / maxLoad) * (H - PAD.t - PAD.b);
  const fsMax = (m: MetricSample) => Math.max(0, ...Object.values(m.fs).map(([b, i]) => Math.max(b, i)));
  const line = (f: (m: MetricSample) => number) => metrics.map((m, i) => `${i ? "L" : "M"}${x(m.simMs).toFixed(1)},${f(m).toFixed(1)}`).join("");
  const series = [
    { name: "CPU busy %", cls: "s-cpu", d: line((m) => yPct(m.cpuBusyPct)) },
    { name: "memory used %", cls: "s-mem", d: line((m) => yPct(m.memUsedPct)) },
    { name: "fullest filesystem %", cls: "s-fs", d: line((m) => yPct(fsMax(m))) },
    { name: `load1 (max ${maxLoad.toFixed(2)})`, cls: "s-load", d: line((m) => yLoad(m.load1)) },
  ];
  const minutes = Math.max(1, Math.round((t1 - t0) / 60000));
  const tickEvery = minutes > 20 ? 5 : minutes > 8 ? 2 : 1;
  const ticks = Array.from({ length: Math.floor((t1 - t0) / 60000 / tickEvery) + 1 }, (_, i) => t0 + i * tickEvery * 60000);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Host metrics over the session with command markers">
        {[0, 25, 50, 75, 100].map((p) => (
          <g key={p}>
            <line className="grid" x1={PAD.l} x2={W - PAD.r} y1={yPct(p)} y2={yPct(p)} />
            <text className="axis" x={PAD.l - 6} y={yPct(p) + 4} textAnchor="end">
              {p}%
            </text>
          </g>
        ))}
        <text className="axis" x={W - PAD.r + 6} y={yLoad(maxLoad) + 4}>
          {maxLoad.toFixed(1)}
        </text>
        <text className="axis" x={W - PAD.r + 6} y={yLoad(0) + 4}>
          0
        </text>
        {ticks.map((t) => (
          <text key={t} className="axis" x={x(t)} y={H - 8} textAnchor="middle">
            {Math.round((t - t0) / 60000)}m
          </text>
        ))}
        {commands.map((c, i) => (
          <line key={i} className={`marker ${c.tags.includes("destructive") ? "bad" : c.tags.includes("fix") ? "fix" : ""}`} x1={x(c.simMs)} x2={x(c.simMs)} y1={PAD.t} y2={H - PAD.b}>
            <title>{c.label}</title>
          </line>
        ))}
        {series.map((s) => (
          <path key={s.cls} className={`series ${s.cls}`} d={s.d}>
            <title>{s.name}</title>
          </path>
        ))}
      </svg>
      <figcaption>
        {series.map((s) => (
          <span key={s.cls} className={`legend ${s.cls}`}>
            {s.name}
          </span>
        ))}
        <span className="legend marker-legend">commands</span>
      </figcaption>
    </figure>
  );
}
