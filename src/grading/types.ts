/**
 * What the grader reads and writes. The input is a plain record of the session (every
 * command with the output as shown, notes, hypotheses, hints, the diagnosis) plus the final
 * host; the output is a Grade with a score out of 100 and a breakdown whose every line
 * carries a sentence the candidate can act on.
 */
import type { EngineEvent, Host } from "../engine/index.js";
import type { Scenario } from "../scenario/index.js";

export interface GradedCommand {
  /** sim ms since boot when the line was entered */
  simMs: number;
  line: string;
  stdout: string;
  stderr: string;
  exitCode: number;
  evidence: string[];
  /** state changes the line made */
  actions: EngineEvent[];
}

export interface GradeInput {
  scenario: Scenario;
  commands: GradedCommand[];
  notes: { simMs: number; text: string }[];
  hypotheses: { simMs: number; text: string }[];
  hints: { simMs: number; id: string }[];
  diagnosis?: { simMs: number; category: string; text: string };
  selfAssessment?: Partial<Record<Phase, number>>;
  startMs: number;
  endMs: number;
  /** the host at the end of the session (the grader may advance it to check the fix holds) */
  host: Host;
}

export const CATEGORIES = ["evidence", "structure", "diagnosis", "remediation", "safety", "efficiency"] as const;
export type Category = (typeof CATEGORIES)[number];

export const PHASES = ["triage", "isolate", "inspect", "hypothesize", "fix", "verify"] as const;
export type Phase = (typeof PHASES)[number];

export interface BreakdownLine {
  category: Category;
  /** points credited (positive) or deducted (negative) */
  points: number;
  /** maximum for credit lines, 0 for deductions */
  max: number;
  reason: string;
  /** rubric item or rule id */
  id: string;
}

export type CommandTag = "evidence" | "key-evidence" | "redundant" | "destructive" | "fix" | "verify" | "red-herring" | "triage";

export interface TimelineEntry {
  index: number;
  simMs: number;
  /** ms since the session started */
  atMs: number;
  line: string;
  tags: CommandTag[];
  /** rubric evidence items first revealed by this command */
  revealed: string[];
  notes: string[];
}

export interface Grade {
  scenarioId: string;
  score: number;
  passed: boolean;
  resolved: boolean;
  diagnosisCorrect: boolean;
  categoryCorrect: boolean;
  breakdown: BreakdownLine[];
  totals: Record<Category, { points: number; max: number }>;
  timeline: TimelineEntry[];
  /** ms from the start to the first key signal, if any */
  timeToFirstKeySignalMs?: number;
  durationMs: number;
  hintsUsed: number;
  hintCost: number;
  redundantCommands: number;
  evidenceSeen: { id: string; title: string; atMs: number; command: string }[];
  evidenceMissed: { id: string; title: string }[];
  phases: Record<Phase, number>;
  selfAssessment?: Partial<Record<Phase, number>>;
  resolutionReason: string;
  invariantsBroken: { id: string; title: string; reason: string }[];
}
