/**
 * defineCommand: one declarative spec per command drives option parsing, `--help`, the real
 * tool's error for an unknown option, completion and fuzz lists. Commands read the host
 * through the context and change it only through `ctx.act` (the session's action API, which
 * goes through engine methods that emit events); they return text plus the evidence their
 * output revealed, for the grader.
 */
import type { Cred, Host } from "../../engine/index.js";
import type { HostActions } from "../runtime/actions.js";

export type OptArg = "none" | "required" | "optional";

export interface OptionSpec {
  /** key in the parsed options object */
  name: string;
  /** single letter, without dash */
  short?: string;
  /** long name, without dashes */
  long?: string;
  /** extra long aliases */
  aliases?: string[];
  arg?: OptArg;
  /** repeated values collect into an array */
  multiple?: boolean;
  description?: string;
}

export type OptValue = boolean | string | string[] | number;
export type ParsedOptions = Record<string, OptValue | undefined>;

/** How a tool family reports a bad option. */
export type BadOptionStyle =
  | { kind: "gnu" } // coreutils: "X: invalid option -- 'z'\nTry 'X --help' for more information."
  | { kind: "usage"; usage: string; exitCode?: number; prefixInvalid?: boolean } // procps/sysstat: message then usage text
  | { kind: "custom"; render(opt: string, long: boolean, missingArg: boolean): { stderr: string; exitCode: number } };

export interface CommandContext {
  /** the live host (read it; mutate only through `act`) */
  readonly host: Host;
  readonly act: HostActions;
  readonly cwd: string;
  readonly env: ReadonlyMap<string, string>;
  readonly stdin: string;
  /** who runs the command (sudo makes this root) */
  readonly cred: Cred;
  readonly userName: string;
  /** stdout is the terminal (not a pipe, file or $(...)) */
  readonly isTty: boolean;
  readonly cols: number;
  readonly rows: number;
  /** the interactive terminal (not the CLI's script mode) */
  readonly interactive: boolean;
  /** this command's pid (ps shows itself) */
  readonly pid: number;
  /**
   * advance the sim clock (streaming tools between samples); resolves false when interrupted
   * (Ctrl-C, a timeout(1) deadline). In script mode a tool that would stream forever (no
   * count: vmstat 1, tail -f, ping without -c) is auto-interrupted after autoInterruptMs of
   * sim time; tools that end on their own (a count, a DNS timeout) pass {bounded: true}.
   */
  sleep(ms: number, opts?: { bounded?: boolean }): Promise<boolean>;
  /** Ctrl-C pressed (or the non-interactive auto-interrupt fired) */
  interrupted(): boolean;
  /** stream a chunk to the terminal now (only meaningful when isTty); returns false when not streaming */
  write(chunk: string): boolean;
  /** run a command line in a subshell (watch, timeout, sudo, xargs) */
  exec(line: string, opts?: { stdin?: string; asRoot?: boolean; asUser?: string }): Promise<{ stdout: string; stderr: string; exitCode: number }>;
  /** run the interpreter library's own implementation of this command (for rare flags we don't re-implement) */
  fallback(argv: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }>;
  /** resolve a path against cwd */
  resolve(path: string): string;
  /** the shell session's own state, for builtins (history, sudo -i, timeout) */
  readonly shell: ShellAccess;
}

/** What builtins may see or change of the running shell. */
export interface ShellAccess {
  /** command lines entered so far (bash `history`) */
  history(): readonly string[];
  /** history -c */
  clearHistory(): void;
  /** hostname NAME (root only); false when not permitted */
  setHostname(name: string): boolean;
  /** switch the session's login user (sudo -i / su -); returns false when not allowed */
  switchUser(user: string): boolean;
  /** the session's user before any switch */
  readonly loginUser: string;
  /**
   * run `fn` with a sim-time deadline: ctx.sleep()/interrupted() inside report interruption once
   * `ms` of sim time have passed (timeout(1)); resolves with whether the deadline fired
   */
  withDeadline<T>(ms: number, fn: () => Promise<T>): Promise<{ value: T; timedOut: boolean }>;
}

export interface CommandResult {
  stdout: string;
  stderr?: string;
  exitCode?: number;
  /** facts of the host model the output revealed (e.g. "proc:4312:state=D", "fs:/var:inodes") */
  evidence?: string[];
  /** a full-screen program: the session drives it (top) */
  screen?: FullScreenProgram;
}

/** A full-screen interactive program (alternate screen), driven by the session on each tick/key. */
export interface FullScreenProgram {
  /** render the whole screen for the current host state */
  render(cols: number, rows: number): string;
  /** a key press; return "exit" to leave */
  key(k: string): "exit" | "redraw" | { prompt: string } | void;
  /** refresh interval in sim ms */
  intervalMs: number;
  /** async work before each render (watch re-runs its command); drivers await it every interval */
  refresh?(): Promise<void>;
}

export interface CommandSpec {
  name: string;
  summary: string;
  /** first line(s) of usage, used by --help and usage errors */
  usage: string;
  options: OptionSpec[];
  /** exact --help text; generated from the spec when absent */
  help?: string;
  /** "gnu": getopt_long with permutation; "posix": options stop at first operand; "raw": run() parses argv itself */
  parse?: "gnu" | "posix" | "raw";
  badOption?: BadOptionStyle;
  /** allow `--help` to print help (default true) */
  helpFlag?: boolean;
  /** a "--version" line */
  version?: string;
  /** where operands complete from (tab completion) */
  completeOperands?: "path" | "pid" | "service" | "user" | "none";
  run(ctx: CommandContext, opts: ParsedOptions, operands: string[], argv: string[]): CommandResult | Promise<CommandResult>;
}

export interface Command extends CommandSpec {
  readonly isFaultlineCommand: true;
}

export function defineCommand(spec: CommandSpec): Command {
  return { parse: "gnu", helpFlag: true, badOption: { kind: "gnu" }, ...spec, isFaultlineCommand: true };
}
