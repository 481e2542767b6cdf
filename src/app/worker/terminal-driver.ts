/**
 * The engine side of the browser terminal: one scenario session (host + shell + recorder),
 * the shared LineEditor fed with raw xterm input, the sim clock (advanced by real elapsed time
 * between inputs, capped), pacing of streaming tools against the wall clock, Ctrl-C through an
 * interrupt flag, full-screen programs (top) on the alternate screen, and the journal that lets
 * the UI persist and later replay the session. DOM-free: the worker wires it to postMessage,
 * Atomics and timers; tests drive it directly. All operations run strictly in arrival order.
 */
import { ENGINE_VERSION, type EngineEvent, type Host, type MetricSample } from "../../engine/index.js";
import { createSession, LineEditor, completeLine, type EditorEvent, type FullScreenProgram, type ShellSession } from "../../shell/index.js";
import { compileScenario, parseDuration, STANDARD_CATEGORIES, type Scenario } from "../../scenario/index.js";
import { gradeSession, renderReport, sessionMilestones, type GradedCommand, type GradeInput, type Phase } from "../../grading/index.js";
import { SessionRecorder } from "../../replay/index.js";
import { loginBanner, logoutText } from "./login-banner.js";
import type { GradedResult, JournalEntry, ScenarioView, WorkerToMain } from "./protocol.js";

/** Wall-clock gap between two inputs counted as sim time at most (10 min, as the CLI). */
export const MAX_IDLE_MS = 10 * 60 * 1000;

export interface DriverDeps {
  post(msg: WorkerToMain): void;
  /** the wall clock, ms */
  wallNow(): number;
  /** whether Ctrl-C was pressed while a line runs */
  interruptFlag(): boolean;
  clearInterrupt(): void;
  /** blocks up to `ms` of real time (returns early on Ctrl-C); absent = no pacing */
  pace?(ms: number): void;
  /** schedules a full-screen frame; returns a cancel function */
  schedule(ms: number, fn: () => void): () => void;
}

export interface StartOptions {
  scenario: Scenario;
  seed: number;
  cols: number;
  rows: number;
  journal: JournalEntry[];
  engineVersion?: string;
}

/** Splits raw input into keys (escape sequences kept whole) for full-screen programs. */
export function splitKeys(data: string): string[] {
  const re = /\x1b\[[0-9;?]*[\x40-\x7e]|\x1bO.|\x1b.|[\s\S]/g;
  return [...data.matchAll(re)].map((m) => m[0]);
}

export class TerminalDriver {
  readonly host: Host;
  readonly session: ShellSession;
  readonly rec: SessionRecorder;
  readonly view: ScenarioView;
  private readonly scenario: Scenario;
  private readonly gradeScenario: GradeInput["scenario"];
  private readonly deps: DriverDeps;
  private readonly editor: LineEditor;
  private readonly startMs: number;
  private readonly commands: GradedCommand[] = [];
  private readonly notes: GradeInput["notes"] = [];
  private readonly hypotheses: GradeInput["hypotheses"] = [];
  private readonly hints: GradeInput["hints"] = [];
  private diagnosis?: GradeInput["diagnosis"];
  private chain: Promise<void> = Promise.resolve();
  private lastWall: number;
  private screen?: FullScreenProgram;
  private cancelFrame?: () => void;
  /** events the editor produced after a submit that opened a full-screen program */
  private exited = false;
  /** while replaying a journal: output is collected, nothing is re-journaled */
  private replaying = false;
  private transcript = "";

  constructor(opts: StartOptions, deps: DriverDeps) {
    this.deps = deps;
    this.scenario = opts.scenario;
    const { host, resolved } = compileScenario(opts.scenario, opts.seed);
    this.host = host;
    this.gradeScenario = { ...opts.scenario, ...resolved, contentHash: opts.scenario.contentHash, sourceFile: opts.scenario.sourceFile };
    this.session = createSession(host, { interactive: true, cols: opts.cols, rows: opts.rows });
    this.rec = new SessionRecorder(this.session, { engineVersion: opts.engineVersion ?? ENGINE_VERSION, scenarioId: opts.scenario.id, scenarioHash: opts.scenario.contentHash, seed: opts.seed });
    this.startMs = host.nowMs;
    this.editor = new LineEditor({
      prompt: () => this.session.prompt(),
      complete: (line, cursor) => completeLine(this.session, line, cursor),
      history: this.session.history,
      recordHistory: false,
      cols: opts.cols,
    });
    this.lastWall = deps.wallNow();
    this.view = {
      id: resolved.id,
      title: resolved.title,
      difficulty: resolved.difficulty,
      tags: [...resolved.tags],
      estimatedMinutes: resolved.estimatedMinutes,
      seed: opts.seed,
      hostname: host.hostname,
      briefing: resolved.briefing,
      hints: (resolved.hints ?? []).map((h) => ({ id: h.id, text: h.text, cost: h.cost, unlockAfterMs: h.unlockAfter !== undefined ? parseDuration(h.unlockAfter) : 0 })),
      categories: resolved.diagnosis.categories?.length ? [...resolved.diagnosis.categories] : [...STANDARD_CATEGORIES],
      walkthrough: resolved.walkthrough.steps.map((s) => ({ run: s.run, say: s.say, note: s.note, hypothesis: s.hypothesis, wait: s.wait === undefined ? undefined : String(s.wait), diagnose: s.diagnose })),
    };
  }

  /** Replays a saved journal (terminal content rebuilt), then shows the prompt. */
  begin(journal: JournalEntry[]): Promise<void> {
    return this.enqueue(async () => {
      this.transcript = loginBanner(this.host);
      this.rec.setBanner(this.transcript); // the asciicast starts with it, as the terminal did
      this.replaying = true;
      try {
        for (const e of journal) await this.replayEntry(e);
      } finally {
        this.replaying = false;
      }
      this.out(this.transcript);
      this.transcript = "";
      this.lastWall = this.deps.wallNow();
      if (this.screen) {
        // a reload inside top: leave it, as Ctrl-C would
        this.screen = undefined;
      }
      if (!this.exited) this.handle(this.editor.start());
      this.postMetrics();
    });
  }

  input(data: string): Promise<void> {
    return this.enqueue(async () => {
      if (this.exited) return;
      if (this.screen) return this.screenKeys(data);
      await this.handle(this.editor.feed(data));
    });
  }

  resize(cols: number, rows: number): Promise<void> {
    return this.enqueue(async () => {
      if (cols === this.session.cols && rows === this.session.rows) return;
      this.applyResize(cols, rows);
      this.journal({ t: "resize", cols, rows });
      if (this.screen) this.draw();
    });
  }

  note(kind: "note" | "hypothesis", text: string, wallMs: number): Promise<void> {
    return this.enqueue(async () => {
      this.advanceByWall();
      const simMs = this.host.nowMs;
      this.applyNote(kind, text, simMs);
      this.journal({ t: kind, text, simMs, wallMs });
    });
  }

  hint(id: string, wallMs: number): Promise<void> {
    return this.enqueue(async () => {
      if (this.hints.some((h) => h.id === id) || !this.view.hints.some((h) => h.id === id)) return;
      this.advanceByWall();
      this.applyHint(id, this.host.nowMs);
      this.journal({ t: "hint", id, simMs: this.host.nowMs, wallMs });
    });
  }

  diagnose(text: string, category: string): Promise<void> {
    return this.enqueue(async () => {
      this.advanceByWall();
      this.applyDiagnosis(text, category, this.host.nowMs);
      this.journal({ t: "diagnosis", text, category, simMs: this.host.nowMs });
    });
  }

  /** Pretends `ms` of wall time passed (the e2e hook; a person waiting). */
  advanceWall(ms: number): void {
    this.lastWall -= ms;
  }

  /** Grades the session (ends it: the grader may advance the host). */
  grade(selfAssessment: Partial<Record<Phase, number>>): Promise<GradedResult> {
    let result!: GradedResult;
    return this.enqueue(async () => {
      this.stopScreen();
      this.rec.selfAssess(selfAssessment as Record<string, number>);
      const endMs = this.host.nowMs;
      const input: GradeInput = {
        scenario: this.gradeScenario,
        commands: this.commands,
        notes: this.notes,
        hypotheses: this.hypotheses,
        hints: this.hints,
        diagnosis: this.diagnosis,
        selfAssessment,
        startMs: this.startMs,
        endMs,
        host: this.host,
      };
      // the log before grading (the grader may advance the host): the report's replay
      const session = this.rec.toJSON();
      const grade = gradeSession(input);
      const metrics = downsample(this.host.metrics.filter((m) => m.simMs >= this.startMs && m.simMs <= endMs), 400);
      result = {
        grade,
        markdown: renderReport(grade, "markdown", this.scenario.title),
        json: renderReport(grade, "json"),
        metrics,
        startSimMs: this.startMs,
        commands: this.commands.map((c) => ({ simMs: c.simMs, line: c.line, output: c.stdout + c.stderr })),
        session,
        milestones: sessionMilestones(session, this.gradeScenario),
      };
    }).then(() => result);
  }

  /** Stops timers (leaving the page). */
  dispose(): void {
    this.stopScreen();
    this.rec.stop();
  }

  // ---- internals --------------------------------------------------------------------

  private enqueue(op: () => Promise<void>): Promise<void> {
    const next = this.chain.then(op);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private out(data: string): void {
    if (!data) return;
    if (this.replaying) this.transcript += data;
    else this.deps.post({ type: "output", data });
  }

  private journal(entry: JournalEntry): void {
    if (!this.replaying) this.deps.post({ type: "journal", entry });
  }

  private postMetrics(): void {
    const m = this.host.metrics;
    this.deps.post({ type: "metrics", snapshot: { simMs: this.host.nowMs, elapsedSimMs: this.host.nowMs - this.startMs, latest: m[m.length - 1] } });
  }

  private advanceByWall(): void {
    const now = this.deps.wallNow();
    const ms = Math.floor(Math.min(Math.max(0, now - this.lastWall), MAX_IDLE_MS));
    this.lastWall = now;
    if (ms <= 0) return;
    this.rec.wait(ms);
    this.journal({ t: "wait", ms });
  }

  private async handle(events: EditorEvent[]): Promise<void> {
    const pending = [...events];
    while (pending.length && !this.exited) {
      const e = pending.shift()!;
      if (e.type === "output") this.out(e.data);
      else if (e.type === "eof") this.logout();
      else if (e.type === "submit") {
        await this.runLine(e.line);
        if (this.screen || this.exited) return;
        pending.push(...this.editor.start());
      }
    }
  }

  private logout(): void {
    this.out(logoutText(this.host));
    this.exited = true;
    if (!this.replaying) this.deps.post({ type: "exited" });
  }

  private async runLine(line: string, replayInterruptAfter?: number): Promise<void> {
    if (!this.replaying) this.advanceByWall();
    const simMs = this.host.nowMs;
    this.journal({ t: "input", line, simMs });
    if (!this.replaying) {
      this.deps.clearInterrupt();
      this.deps.post({ type: "busy", busy: true });
    }
    const wallStart = this.deps.wallNow();
    const simStart = this.host.nowMs;
    let checks = 0;
    const interrupted = this.replaying
      ? () => replayInterruptAfter !== undefined && checks++ >= replayInterruptAfter
      : () => {
          if (this.deps.interruptFlag()) return true;
          const pace = this.deps.pace;
          if (!pace) return false;
          for (;;) {
            if (this.deps.interruptFlag()) return true;
            const ahead = this.host.nowMs - simStart - (this.deps.wallNow() - wallStart);
            if (ahead <= 0) return false;
            pace(Math.min(ahead, 50));
          }
        };
    let r: Awaited<ReturnType<SessionRecorder["run"]>>;
    try {
      r = await this.rec.run(line, { onOutput: (chunk) => this.out(chunk), interrupted });
    } finally {
      if (!this.replaying) this.deps.post({ type: "busy", busy: false });
    }
    const shown = this.rec.lastOutput;
    this.commands.push({ simMs, line, stdout: shown?.stdout ?? r.stdout, stderr: r.stderr, exitCode: r.exitCode, evidence: r.evidence, actions: r.actions as EngineEvent[] });
    this.out(r.stdout + r.stderr);
    if (shown?.interruptedAfter !== undefined) {
      // the tty echoes ^C, unless the tool already showed it (ping prints its statistics after)
      if (!/\^C/.test(shown.stdout + shown.stderr)) this.out("^C\n");
      this.editor.discardTypeahead();
      if (!this.replaying) this.deps.post({ type: "journal-interrupt", interruptedAfter: shown.interruptedAfter });
    }
    if (!this.replaying) {
      this.lastWall = this.deps.wallNow();
      this.postMetrics();
    }
    if (r.exit) return this.logout();
    if (r.screen) await this.startScreen(r.screen);
  }

  private async replayEntry(e: JournalEntry): Promise<void> {
    switch (e.t) {
      case "wait":
        this.rec.wait(e.ms);
        return;
      case "input": {
        if (this.exited) return;
        if (this.screen) this.screen = undefined;
        this.transcript += this.session.prompt() + e.line.replace(/\n/g, "\n> ") + "\n";
        await this.runLine(e.line, e.interruptedAfter);
        return;
      }
      case "key":
        if (this.screen && e.key === "\x03") this.rec.leave(e.key);
        if (this.screen && (e.key === "\x03" || this.rec.key(this.screen, e.key) === "exit")) this.screen = undefined;
        return;
      case "resize":
        this.applyResize(e.cols, e.rows);
        return;
      case "note":
      case "hypothesis":
        this.applyNote(e.t, e.text, e.simMs);
        return;
      case "hint":
        this.applyHint(e.id, e.simMs);
        return;
      case "diagnosis":
        this.applyDiagnosis(e.text, e.category, e.simMs);
        return;
    }
  }

  private applyResize(cols: number, rows: number): void {
    this.rec.resize(cols, rows); // records it (asciicast "r") and resizes the session
    this.editor.setCols(cols);
  }

  private applyNote(kind: "note" | "hypothesis", text: string, simMs: number): void {
    if (kind === "note") {
      this.rec.note(text);
      this.notes.push({ simMs, text });
    } else {
      this.rec.hypothesis(text);
      this.hypotheses.push({ simMs, text });
    }
  }

  private applyHint(id: string, simMs: number): void {
    this.rec.hint(id);
    this.hints.push({ simMs, id });
  }

  private applyDiagnosis(text: string, category: string, simMs: number): void {
    this.rec.diagnose(text, category);
    this.diagnosis = { simMs, text, category };
  }

  // ---- full-screen programs -----------------------------------------------------------

  private async startScreen(screen: FullScreenProgram): Promise<void> {
    this.screen = screen;
    if (this.replaying) return;
    this.out("\x1b[?1049h\x1b[?25l");
    await screen.refresh?.();
    this.draw();
    this.scheduleFrame();
  }

  private scheduleFrame(): void {
    const screen = this.screen;
    if (!screen) return;
    this.cancelFrame = this.deps.schedule(screen.intervalMs, () => {
      void this.enqueue(async () => {
        if (this.screen !== screen) return;
        this.advanceByWall();
        await screen.refresh?.();
        this.draw();
        this.postMetrics();
        this.scheduleFrame();
      });
    });
  }

  private draw(): void {
    if (!this.screen) return;
    const frame = this.screen.render(this.session.cols, this.session.rows);
    this.rec.frame(frame); // the session log keeps what the terminal showed (asciicast export)
    this.out("\x1b[H" + frame.replace(/\n$/, "") + "\x1b[J");
  }

  private async screenKeys(data: string): Promise<void> {
    const screen = this.screen!;
    this.advanceByWall();
    for (const k of splitKeys(data)) {
      this.journal({ t: "key", key: k });
      if (k === "\x03") this.rec.leave(k);
      const r = k === "\x03" ? "exit" : this.rec.key(screen, k);
      if (r === "exit") {
        this.stopScreen();
        this.out("\x1b[?25h\x1b[?1049l");
        await this.handle(this.editor.start());
        return;
      }
    }
    this.draw();
  }

  private stopScreen(): void {
    this.cancelFrame?.();
    this.cancelFrame = undefined;
    this.screen = undefined;
  }
}

/** Keeps at most `max` samples, evenly spaced, always keeping the last. */
export function downsample<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  const step = items.length / max;
  const out: T[] = [];
  for (let i = 0; i < max - 1; i++) out.push(items[Math.floor(i * step)]);
  out.push(items[items.length - 1]);
  return out;
}

export type { MetricSample };
