/**
 * gradeSession: scores a session's diagnostic path, not only its end state.
 *
 * - Evidence (40): rubric items credited by what the candidate actually saw — a pattern over
 *   the displayed output, an evidence key the tool reported, or the command typed — so every
 *   valid path (dmesg, journalctl -k, grep kern.log) earns it.
 * - Structure (20): breadth-first triage before acting, a hypothesis recorded before the
 *   first fix, no fix before key evidence, verification after the fix.
 * - Diagnosis (15): the submitted root cause matched against accepted answers (regex groups,
 *   tolerant of wording) and the category; a correct answer with no supporting evidence
 *   (a lucky guess) earns half.
 * - Remediation (25): the scenario's "fixed" predicate holds (after holdFor of sim time) and
 *   no invariant is broken; a broken invariant means not resolved.
 * - Safety and efficiency (deductions): destructive actions (built-in and the scenario's),
 *   restarting before looking, red herrings acted on, hints (their declared cost), redundant
 *   commands.
 */
import { evaluatePredicate, matchText, parseDuration, type EvidencePatternT } from "../scenario/index.js";
import { CATEGORIES, PHASES, type BreakdownLine, type Category, type CommandTag, type Grade, type GradeInput, type GradedCommand, type Phase, type TimelineEntry } from "./types.js";

const WEIGHTS: Record<Category, number> = { evidence: 40, structure: 20, diagnosis: 15, remediation: 25, safety: 0, efficiency: 0 };

/** Command lines that are part of breadth-first triage (Gregg's 60-second checklist, USE). */
const TRIAGE: [string, RegExp][] = [
  ["load", /^\s*(sudo\s+)?(uptime|w|cat\s+\/proc\/loadavg)\b/],
  ["kernel-log", /\b(dmesg|journalctl\b.*(-k|--dmesg)|kern\.log|\/var\/log\/syslog)/],
  ["vmstat", /\bvmstat\b/],
  ["per-cpu", /\bmpstat\b/],
  ["per-process", /\b(pidstat|top|htop|ps)\b/],
  ["disk-io", /\b(iostat|iotop)\b/],
  ["memory", /\b(free|cat\s+\/proc\/meminfo)\b/],
  ["network", /\b(sar\s+-n|ss|netstat)\b/],
  ["capacity", /\bdf\b/],
  ["services", /\bsystemctl\s+(status|--failed|list-units)|\bjournalctl\b/],
];

/** Destructive actions penalised in every scenario. */
const BUILTIN_DESTRUCTIVE: { id: string; re: RegExp; title: string; reason: string; penalty: number }[] = [
  { id: "reboot", re: /^\s*(sudo\s+)?(reboot|shutdown|halt|poweroff|init\s+[06]|systemctl\s+(reboot|poweroff|halt))\b/, title: "Rebooted the host", reason: "A reboot destroys the evidence and the state you were asked to diagnose; it is never the first fix.", penalty: 25 },
  { id: "rm-root", re: /\brm\s+(-[a-zA-Z]*[rf][a-zA-Z]*\s+)+(--no-preserve-root\s+)?\/(\s|$|\*)/, title: "rm -rf on /", reason: "Removing the root filesystem is catastrophic.", penalty: 50 },
  { id: "kill-init", re: /\bkill\s+(-(9|KILL|SIGKILL)\s+)?(-1|1)\s*$/, title: "Signalled init or every process", reason: "kill 1 / kill -1 takes down the whole host.", penalty: 30 },
  { id: "chmod-777", re: /\bchmod\s+(-R\s+)?777\s+\//, title: "chmod 777 on system paths", reason: "World-writable system paths are a security incident of their own.", penalty: 15 },
  { id: "mkfs", re: /\b(mkfs(\.\w+)?|wipefs)\b|\bdd\b.*\bof=\/dev\//, title: "Overwrote a filesystem or device", reason: "Formatting or overwriting a device destroys data.", penalty: 40 },
  { id: "drop-caches", re: /drop_caches/, title: "Dropped the page cache", reason: "Dropping caches hides the symptom for minutes and hurts performance; it fixes nothing.", penalty: 5 },
];

const FIX_EVENT_TYPES = new Set(["signal-sent", "service-started", "service-stopped", "service-reloaded", "file-deleted", "file-truncated", "dir-entries-deleted", "mount-detached", "sysctl-changed", "route-changed", "swap-changed", "host-rebooted", "file-written", "process-exited"]);

export function isFix(c: GradedCommand, extra: RegExp[]): boolean {
  if (extra.some((r) => r.test(c.line))) return true;
  return c.actions.some((a) => {
    if (!FIX_EVENT_TYPES.has(a.type)) return false;
    if (a.type === "file-written") return !/^\/(tmp|home|root|var\/tmp|dev)\//.test(a.path);
    if (a.type === "signal-sent") return a.signal !== 0;
    return true;
  });
}

export function patternMatches(p: EvidencePatternT, c: GradedCommand): boolean {
  const flags = p.flags ?? "";
  if (p.output !== undefined) {
    // bounded: a polynomial pattern on 96 MB of output would stall the grader
    const text = matchText(c.stdout + c.stderr);
    if (!new RegExp(p.output, flags.includes("m") ? flags : flags + "m").test(text)) return false;
  }
  if (p.command !== undefined && !new RegExp(p.command, flags).test(c.line)) return false;
  if (p.evidence !== undefined) {
    const want = p.evidence;
    const hit = want.endsWith("*") ? c.evidence.some((e) => e.startsWith(want.slice(0, -1))) : c.evidence.includes(want);
    if (!hit) return false;
  }
  return true;
}

function normalizeLine(l: string): string {
  return l.trim().replace(/\s+/g, " ");
}

export function gradeSession(input: GradeInput): Grade {
  const s = input.scenario;
  const cmds = input.commands;
  const lines: BreakdownLine[] = [];
  const credit = (category: Category, id: string, points: number, max: number, reason: string): void => void lines.push({ category, id, points, max, reason });
  const timeline: TimelineEntry[] = cmds.map((c, i) => ({ index: i, simMs: c.simMs, atMs: c.simMs - input.startMs, line: c.line, tags: [], revealed: [], notes: [] }));
  const tag = (i: number, t: CommandTag): void => {
    const e = timeline[i];
    if (e && !e.tags.includes(t)) e.tags.push(t);
  };
  const fixRe = (s.rubric.fixCommands ?? []).map((r) => new RegExp(r));
  const fixIdx = cmds.map((c, i) => (isFix(c, fixRe) ? i : -1)).filter((i) => i >= 0);
  fixIdx.forEach((i) => tag(i, "fix"));
  const firstFix = fixIdx.length ? fixIdx[0]! : Infinity;

  // ---- evidence
  const totalPts = s.rubric.evidence.reduce((a, e) => a + e.points, 0) || 1;
  const seen: Grade["evidenceSeen"] = [];
  const missed: Grade["evidenceMissed"] = [];
  let firstKey: number | undefined;
  let firstKeyIdx = Infinity;
  let evidencePts = 0;
  for (const item of s.rubric.evidence) {
    const idx = cmds.findIndex((c) => item.anyOf.some((p) => patternMatches(p, c)));
    const pts = (item.points / totalPts) * WEIGHTS.evidence;
    if (idx >= 0) {
      const c = cmds[idx]!;
      seen.push({ id: item.id, title: item.title, atMs: c.simMs - input.startMs, command: c.line });
      timeline[idx]!.revealed.push(item.title);
      tag(idx, item.key ? "key-evidence" : "evidence");
      evidencePts += pts;
      credit("evidence", item.id, round(pts), round(pts), `Saw: ${item.title} (with \`${c.line.trim()}\`).`);
      if (item.key && (firstKey === undefined || c.simMs < firstKey)) {
        firstKey = c.simMs;
        firstKeyIdx = Math.min(firstKeyIdx, idx);
      }
    } else {
      missed.push({ id: item.id, title: item.title });
      credit("evidence", item.id, 0, round(pts), `Missed: ${item.title}.`);
    }
  }
  const keyItems = s.rubric.evidence.filter((e) => e.key);
  const sawAnyKey = keyItems.length === 0 ? seen.length > 0 : seen.some((x) => keyItems.some((k) => k.id === x.id));

  // ---- structure
  const beforeFix = cmds.slice(0, firstFix === Infinity ? cmds.length : firstFix);
  const triageKinds = new Set<string>();
  beforeFix.forEach((c, i) => {
    for (const [kind, re] of TRIAGE) if (re.test(c.line)) {
      triageKinds.add(kind);
      tag(i, "triage");
    }
  });
  const triagePts = triageKinds.size >= 3 ? 6 : triageKinds.size === 2 ? 4 : triageKinds.size === 1 ? 2 : 0;
  credit("structure", "triage", triagePts, 6, triageKinds.size >= 3 ? `Broad triage first (${[...triageKinds].join(", ")}), as the 60-second checklist does.` : `Start broad before narrowing: check load, the kernel log, vmstat/free, df and the top processes (you covered ${triageKinds.size ? [...triageKinds].join(", ") : "none"}).`);
  const firstFixMs = firstFix === Infinity ? Infinity : cmds[firstFix]!.simMs;
  const hypBefore = input.hypotheses.some((h) => h.simMs <= firstFixMs);
  if (fixIdx.length) credit("structure", "hypothesis", hypBefore ? 5 : 0, 5, hypBefore ? "Recorded a hypothesis before changing anything." : "Write down a hypothesis before you act: it is what an interviewer listens for.");
  else credit("structure", "hypothesis", input.hypotheses.length ? 5 : 0, 5, input.hypotheses.length ? "Recorded a hypothesis." : "No hypothesis recorded.");
  const fixBeforeEvidence = fixIdx.length > 0 && (firstKey === undefined || firstFix < firstKeyIdx);
  credit("structure", "evidence-before-fix", fixIdx.length === 0 ? 0 : fixBeforeEvidence ? 0 : 5, 5, fixIdx.length === 0 ? "No fix was applied." : fixBeforeEvidence ? "You changed the host before finding the key evidence: a fix without a diagnosis is a guess." : "Found the key evidence before changing anything.");
  const lastFix = fixIdx.length ? fixIdx[fixIdx.length - 1]! : -1;
  const verifyIdx = lastFix >= 0 ? cmds.findIndex((c, i) => i > lastFix && !fixIdx.includes(i) && c.line.trim() !== "") : -1;
  if (verifyIdx >= 0) for (let i = lastFix + 1; i < cmds.length; i++) if (!fixIdx.includes(i)) tag(i, "verify");
  credit("structure", "verify", verifyIdx >= 0 ? 4 : 0, 4, lastFix < 0 ? "Nothing to verify: no fix was applied." : verifyIdx >= 0 ? `Verified after the fix (\`${cmds[verifyIdx]!.line.trim()}\`).` : "After a fix, check that it worked (re-run the command that showed the problem).");

  // ---- diagnosis
  const d = input.diagnosis;
  const textOk = !!d && s.diagnosis.accepted.some((a) => a.all.every((r) => new RegExp(r, "i").test(d.text)));
  const catOk = !!d && d.category === s.diagnosis.category;
  let diagPts = (textOk ? 10 : 0) + (catOk ? 5 : 0);
  let diagReason: string;
  if (!d) diagReason = "No diagnosis was submitted.";
  else if (textOk && !sawAnyKey) {
    diagPts = Math.round(diagPts / 2);
    diagReason = "The root cause is right, but nothing you looked at showed it: back a diagnosis with evidence.";
  } else if (textOk) diagReason = catOk ? "Root cause and category are right." : `Root cause is right; the category is ${s.diagnosis.category}, not ${d.category}.`;
  else diagReason = catOk ? "The category is right but the description misses the actual cause." : `The diagnosis does not match the root cause (${s.diagnosis.category}).`;
  credit("diagnosis", "root-cause", diagPts, 15, diagReason);

  // ---- remediation
  const hold = s.resolution.holdFor !== undefined ? parseDuration(s.resolution.holdFor) : 60000;
  if (hold > 0) input.host.tick(hold);
  const pctx = { sessionStartMs: input.startMs };
  const fixed = evaluatePredicate(input.host, s.resolution.fixed, pctx);
  const broken = (s.resolution.invariants ?? []).map((inv) => ({ inv, r: evaluatePredicate(input.host, inv.check, pctx) })).filter((x) => !x.r.ok);
  const resolved = fixed.ok && broken.length === 0;
  if (resolved) credit("remediation", "fixed", 25, 25, `Fixed, and it held for ${Math.round(hold / 1000)} s: ${fixed.reason}.`);
  else if (!fixed.ok) credit("remediation", "fixed", 0, 25, `Not fixed: ${fixed.reason}.`);
  else credit("remediation", "fixed", 0, 25, "The symptom is gone but something that had to stay intact was damaged (see safety).");
  for (const b of broken) credit("safety", `invariant:${b.inv.id}`, -15, 0, `Collateral damage: ${b.inv.title} — ${b.r.reason}.`);

  // ---- safety
  const destructive = [...BUILTIN_DESTRUCTIVE, ...(s.rubric.destructive ?? []).map((x) => ({ id: x.id, re: new RegExp(x.command), title: x.title, reason: x.reason, penalty: x.penalty }))];
  const charged = new Set<string>();
  cmds.forEach((c, i) => {
    for (const rule of destructive) {
      if (!rule.re.test(c.line)) continue;
      tag(i, "destructive");
      timeline[i]!.notes.push(rule.reason);
      if (charged.has(rule.id)) continue;
      charged.add(rule.id);
      credit("safety", rule.id, -rule.penalty, 0, `${rule.title}: ${rule.reason}`);
    }
  });
  const restartBeforeLooking = cmds.findIndex((c, i) => i < firstKeyIdx && c.actions.some((a) => a.type === "service-stopped" || a.type === "service-started"));
  if (restartBeforeLooking >= 0 && !charged.has("restart-first")) {
    tag(restartBeforeLooking, "destructive");
    credit("safety", "restart-first", -8, 0, `Restarted a service before looking (\`${cmds[restartBeforeLooking]!.line.trim()}\`): a restart erases the evidence and rarely fixes the cause.`);
  }

  // ---- efficiency: red herrings, hints, redundancy
  for (const rh of s.rubric.redHerrings ?? []) {
    const mode = rh.chasedWhen ?? "acted";
    // "acted": the matching command changed the host, or the pattern is about the command typed
    const idx = cmds.findIndex((c, i) => rh.anyOf.some((p) => patternMatches(p, c) && (mode === "seen" || fixIdx.includes(i) || p.command !== undefined)));
    if (idx >= 0) {
      tag(idx, "red-herring");
      credit("efficiency", `red-herring:${rh.id}`, -(rh.penalty ?? 5), 0, `Chased a red herring: ${rh.title}.`);
    }
  }
  let hintCost = 0;
  for (const h of input.hints) {
    const def = (s.hints ?? []).find((x) => x.id === h.id);
    hintCost += def?.cost ?? 0;
  }
  if (input.hints.length) credit("efficiency", "hints", -hintCost, 0, `Used ${input.hints.length} hint${input.hints.length > 1 ? "s" : ""} (−${hintCost}).`);
  let redundant = 0;
  const lastSeen = new Map<string, number>();
  let lastFixBefore = -1;
  cmds.forEach((c, i) => {
    if (fixIdx.includes(i)) lastFixBefore = i;
    const k = normalizeLine(c.line);
    const prev = lastSeen.get(k);
    const streaming = /\b(vmstat|iostat|mpstat|pidstat|sar|top|watch|tail\s+-f|uptime|free|ps|ss|df)\b/.test(k);
    if (prev !== undefined && prev > lastFixBefore && !streaming && c.simMs - cmds[prev]!.simMs < 120000) {
      redundant++;
      tag(i, "redundant");
    }
    lastSeen.set(k, i);
  });
  const redundantPenalty = Math.min(5, redundant);
  if (redundant) credit("efficiency", "redundant", -redundantPenalty, 0, `${redundant} repeated command${redundant > 1 ? "s" : ""} that could not show anything new.`);

  // ---- totals
  const totals = Object.fromEntries(CATEGORIES.map((c) => [c, { points: 0, max: 0 }])) as Grade["totals"];
  for (const l of lines) {
    totals[l.category].points += l.points;
    totals[l.category].max += l.max;
  }
  const raw = lines.reduce((a, l) => a + l.points, 0);
  const score = Math.max(0, Math.min(100, Math.round(raw)));
  const passMark = s.walkthrough.passMark ?? 80;
  const phases = computePhases(lines, { triagePts, sawAnyKey, evidencePts, hypBefore: hypBefore && fixIdx.length > 0 ? true : input.hypotheses.length > 0, resolved, verified: verifyIdx >= 0, fixes: fixIdx.length, fixBeforeEvidence, seenRatio: seen.length / Math.max(1, s.rubric.evidence.length) });
  return {
    scenarioId: s.id,
    score,
    passed: score >= Math.min(passMark, 70) && resolved,
    resolved,
    diagnosisCorrect: textOk,
    categoryCorrect: catOk,
    breakdown: lines.map((l) => ({ ...l, points: round(l.points), max: round(l.max) })),
    totals: Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, { points: round(v.points), max: round(v.max) }])) as Grade["totals"],
    timeline,
    timeToFirstKeySignalMs: firstKey !== undefined ? firstKey - input.startMs : undefined,
    durationMs: input.endMs - input.startMs,
    hintsUsed: input.hints.length,
    hintCost,
    redundantCommands: redundant,
    evidenceSeen: seen,
    evidenceMissed: missed,
    phases,
    selfAssessment: input.selfAssessment,
    resolutionReason: fixed.reason,
    invariantsBroken: broken.map((b) => ({ id: b.inv.id, title: b.inv.title, reason: b.r.reason })),
  };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Computed 1–5 ratings per phase, shown beside the candidate's self-assessment. */
function computePhases(_lines: BreakdownLine[], f: { triagePts: number; sawAnyKey: boolean; evidencePts: number; hypBefore: boolean; resolved: boolean; verified: boolean; fixes: number; fixBeforeEvidence: boolean; seenRatio: number }): Record<Phase, number> {
  const clamp = (n: number): number => Math.max(1, Math.min(5, Math.round(n)));
  const r: Record<Phase, number> = {
    triage: clamp(1 + f.triagePts * (4 / 6)),
    isolate: clamp(f.sawAnyKey ? 3 + f.seenRatio * 2 : 1 + f.seenRatio * 2),
    inspect: clamp(1 + f.seenRatio * 4),
    hypothesize: f.hypBefore ? 5 : 1,
    fix: clamp(f.resolved ? (f.fixBeforeEvidence ? 3 : 5) : f.fixes ? 2 : 1),
    verify: f.verified ? 5 : 1,
  };
  for (const p of PHASES) r[p] = r[p] ?? 1;
  return r;
}
