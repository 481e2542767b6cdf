/**
 * Renders a Grade as text (terminal), Markdown (download/share) or JSON.
 */
import type { Grade } from "./types.js";
import { CATEGORIES, PHASES } from "./types.js";

function mmss(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

export function renderReport(g: Grade, format: "text" | "markdown" | "json", title = g.scenarioId): string {
  if (format === "json") return JSON.stringify(g, null, 2) + "\n";
  const md = format === "markdown";
  const h = (t: string): string => (md ? `## ${t}\n` : `${t}\n${"-".repeat(t.length)}\n`);
  let out = md ? `# ${title}: ${g.score}/100\n\n` : `${title}: ${g.score}/100\n${"=".repeat(title.length + 9)}\n`;
  out += `${md ? "- " : ""}Resolved: ${g.resolved ? "yes" : "no"} (${g.resolutionReason})\n`;
  out += `${md ? "- " : ""}Diagnosis: ${g.diagnosisCorrect ? "correct" : "not correct"}${g.categoryCorrect ? ", category correct" : ""}\n`;
  out += `${md ? "- " : ""}Time: ${mmss(g.durationMs)}; first key signal: ${g.timeToFirstKeySignalMs !== undefined ? mmss(g.timeToFirstKeySignalMs) : "never"}; hints: ${g.hintsUsed} (−${g.hintCost}); repeated commands: ${g.redundantCommands}\n\n`;
  out += h("Breakdown");
  for (const c of CATEGORIES) {
    const t = g.totals[c];
    const items = g.breakdown.filter((l) => l.category === c);
    if (!items.length) continue;
    out += md ? `### ${c} (${t.points}${t.max ? `/${t.max}` : ""})\n` : `${c}: ${t.points}${t.max ? `/${t.max}` : ""}\n`;
    for (const l of items) out += `${md ? "- " : "  "}${l.points >= 0 ? "+" : ""}${l.points}${l.max ? `/${l.max}` : ""}  ${l.reason}\n`;
    out += md ? "\n" : "";
  }
  out += "\n" + h("Your path");
  for (const t of g.timeline) {
    const tags = t.tags.length ? ` [${t.tags.join(", ")}]` : "";
    out += `${md ? "- " : "  "}${mmss(t.atMs)}  ${md ? "`" + t.line.trim() + "`" : t.line.trim()}${tags}${t.revealed.length ? ` — revealed: ${t.revealed.join("; ")}` : ""}\n`;
    for (const n of t.notes) out += `${md ? "  - " : "        "}${n}\n`;
  }
  out += "\n" + h("Structure (computed" + (g.selfAssessment ? " vs your rating" : "") + ", 1–5)");
  for (const p of PHASES) out += `${md ? "- " : "  "}${p.padEnd(12)} ${g.phases[p]}${g.selfAssessment?.[p] !== undefined ? `   (you: ${g.selfAssessment[p]})` : ""}\n`;
  if (g.evidenceMissed.length) {
    out += "\n" + h("Evidence you did not see");
    for (const m of g.evidenceMissed) out += `${md ? "- " : "  "}${m.title}\n`;
  }
  return out;
}
