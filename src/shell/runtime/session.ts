/**
 * A shell session on a simulated host: just-bash interprets bash syntax and runs its
 * coreutils over our VFS; our commands (the diagnostic tools, and GNU-exact overrides) plug
 * in as custom commands. The session carries cwd and variables across lines, runs each line
 * with the candidate's credentials (sudo switches to root), advances the sim clock for
 * sleep/streaming tools, stops runaway input with a clear message, and makes sure no
 * JavaScript error text ever reaches the terminal.
 */
import { Bash, type CustomCommand, type ExecOptions } from "just-bash";
import { type Cred, type EngineEvent, type Host, ROOT, VfsError, normalizePath } from "../../engine/index.js";
import type { Command, CommandContext, CommandResult, FullScreenProgram } from "../spec/define-command.js";
import { parseOptions, renderHelp } from "../spec/parse-options.js";
import { createFsAdapter, FsError } from "../interpreter/fs-adapter.js";
import { createHostActions, type HostActions } from "./actions.js";
import { ttyPlugin, NOTTY_VAR, BUILTIN_RENAMES } from "../interpreter/tty-plugin.js";
import { fixAmbiguousRedirect, fixNestedFsErrors } from "../interpreter/redirect-message.js";

/** Commands of the library we keep (the rest are not on a Debian server or are ours). */
export const LIBRARY_COMMANDS = [
  "echo", "cat", "printf", "ls", "mkdir", "rmdir", "touch", "rm", "cp", "mv", "ln", "chmod", "pwd", "readlink", "head", "tail", "wc", "stat", "grep", "fgrep", "egrep",
  "sed", "awk", "sort", "uniq", "comm", "cut", "paste", "tr", "rev", "nl", "fold", "expand", "unexpand", "strings", "split", "column", "join", "tee", "find", "basename",
  "dirname", "tree", "du", "env", "printenv", "alias", "unalias", "history", "xargs", "true", "false", "clear", "bash", "sh", "jq", "base64", "diff", "date", "sleep",
  "timeout", "seq", "expr", "md5sum", "sha1sum", "sha256sum", "file", "help", "which", "tac", "hostname", "od", "gzip", "gunzip", "zcat", "tar", "time", "whoami",
] as const;

export interface SessionOptions {
  /** login user (defaults to the host's first login) */
  user?: string;
  cols?: number;
  rows?: number;
  /** interactive terminal (the app, `faultline play`) vs script mode (`faultline run`) */
  interactive?: boolean;
  /** in script mode, a streaming command with no count is interrupted after this much sim time */
  autoInterruptMs?: number;
  /** our commands (the registry) */
  commands: readonly Command[];
  /** maximum output kept from one command line (bytes) */
  maxOutputBytes?: number;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  evidence: string[];
  /** a full-screen program was started (top) */
  screen?: FullScreenProgram;
  /** sim ms the line took */
  simMs: number;
  /** the line asked to end the session (exit / logout) */
  exit?: boolean;
  /** state changes the line itself made (kill, restart, rm, edits...), as engine events */
  actions: EngineEvent[];
}

export interface RunIo {
  /** streamed output (interactive tools print as sim time passes) */
  onOutput?(chunk: string): void;
  /** Ctrl-C */
  interrupted?(): boolean;
}

const INTERNAL_LEAK = /\b(TypeError|ReferenceError|RangeError|at \w+ \(\S+:\d+|node_modules|undefined is not|Cannot read propert|is not a function|executionLimits|\[object Object\])/;

export class ShellSession {
  readonly host: Host;
  user: string;
  readonly actions: HostActions;
  cols: number;
  rows: number;
  readonly interactive: boolean;
  cwd: string;
  env: Record<string, string>;
  history: string[] = [];
  lastExit = 0;
  /** internal errors caught (tests assert this stays empty) */
  readonly internalErrors: string[] = [];
  private cred: Cred;
  private asRootDepth = 0;
  private readonly bash: Bash;
  private readonly commands = new Map<string, Command>();
  private io: RunIo = {};
  private evidence: string[] = [];
  private screen?: FullScreenProgram;
  private lineStartMs = 0;
  private autoInterruptMs: number;
  private streamed = false;
  private exitRequested = false;
  private readonly ttyState = { forceNoTty: false };
  private deadlineMs: number | undefined;
  /** the user who logged in (sudo -i switches `user`, not this) */
  readonly loginUser: string;

  constructor(host: Host, opts: SessionOptions) {
    this.host = host;
    this.user = opts.user ?? host.logins[0]?.user ?? "root";
    this.loginUser = this.user;
    this.cols = opts.cols ?? 80;
    this.rows = opts.rows ?? 24;
    this.interactive = opts.interactive ?? false;
    this.autoInterruptMs = opts.autoInterruptMs ?? 10000;
    const u = host.userByName(this.user);
    this.cred = host.credOf(this.user);
    this.actions = createHostActions(host, () => this.currentCred());
    this.cwd = host.logins[0]?.pid ? (host.procs.get(host.logins[0].pid)?.cwd ?? u?.home ?? "/") : (u?.home ?? "/");
    this.env = {
      HOME: u?.home ?? "/root",
      USER: this.user,
      LOGNAME: this.user,
      SHELL: "/bin/bash",
      PATH: this.user === "root" ? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" : "/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games",
      TERM: "xterm-256color",
      LANG: "C.UTF-8",
      HOSTNAME: host.hostname,
      PWD: this.cwd,
      SSH_CONNECTION: `${host.logins[0]?.from ?? "10.0.2.31"} 50514 ${host.net.interfaces[1]?.addrs[0]?.addr ?? "10.0.2.15"} 22`,
      SSH_TTY: `/dev/${host.logins[0]?.tty ?? "pts/0"}`,
      MAIL: `/var/mail/${this.user}`,
    };
    for (const c of opts.commands) this.commands.set(c.name, c);
    // builtins the library would answer itself are renamed by the transform plugin to hidden names
    for (const [name, hidden] of Object.entries(BUILTIN_RENAMES)) {
      const c = this.commands.get(name);
      if (c) this.commands.set(hidden, { ...c, name });
    }
    // programs that exist in /usr/bin but are not simulated: say so instead of running an empty file
    const known = new Set<string>([...LIBRARY_COMMANDS, ...this.commands.keys()]);
    // the interpreter finds commands through PATH: every command we run needs its /usr/bin entry
    // (builtins such as history and help too; `which`/`type` know they are builtins)
    for (const name of known) {
      const path = `/usr/bin/${name}`;
      if (!host.vfs.exists(path)) {
        host.vfs.writeFile(path, "", ROOT, { mode: 0o755 });
        host.vfs.utimes(path, host.bootEpochMs - 86400000 * 120);
      }
    }
    let binNames: string[] = [];
    try {
      binNames = host.vfs.readdir("/usr/bin");
    } catch {
      binNames = [];
    }
    const stubs: CustomCommand[] = binNames
      .filter((n) => !known.has(n))
      .map((name) => ({
        name,
        trusted: true,
        execute: async (args: string[], ctx: { cwd: string; stdin: string; exec?: (l: string, o: { cwd: string; stdin?: string }) => Promise<{ stdout: string; stderr: string; exitCode: number }> }) => {
          if (PAGERS.has(name) && ctx.exec) return ctx.exec(["cat", ...args.filter((a) => !a.startsWith("-"))].map(shellQuote).join(" "), { cwd: ctx.cwd, stdin: ctx.stdin });
          if (EDITORS.has(name)) return { stdout: "", stderr: `${name}: interactive editors are not available here; edit with sed -i, tee or echo >\n`, exitCode: 1 };
          return { stdout: "", stderr: `${name}: this program is not simulated in Faultline\n`, exitCode: 127 };
        },
      })) as unknown as CustomCommand[];
    const custom: CustomCommand[] = [...this.commands.entries()].map(([key, c]) => ({
      name: key,
      trusted: true,
      execute: async (args: string[], ctx: { env: Map<string, string>; cwd: string; stdin: string }) => {
        const r = await this.runOurs(c, args, ctx);
        // plain-ASCII output of more than a few lines goes down the pipe as bytes (identical for
        // ASCII): the interpreter would otherwise count its UTF-8 length at every level and
        // re-encode it one character at a time (a quarter of `ps aux`; seconds for `ls` of 1M entries)
        const ascii = r.stdout.length > 4096 && !NON_ASCII.test(r.stdout);
        return ascii ? { stdout: r.stdout, stderr: r.stderr ?? "", exitCode: r.exitCode ?? 0, stdoutKind: "bytes" as const } : { stdout: r.stdout, stderr: r.stderr ?? "", exitCode: r.exitCode ?? 0 };
      },
    })) as unknown as CustomCommand[];
    this.bash = new Bash({
      fs: createFsAdapter(host, () => this.currentCred()),
      cwd: this.cwd,
      env: this.env,
      // register every library command, ours override by name (so ctx.fallback reaches theirs)
      commands: [...LIBRARY_COMMANDS] as never,
      // the shell runs no JavaScript from input (no js-exec/python); the library's global
      // monkey-patching would only slow our code down and block Atomics.wait in the worker
      defenseInDepth: false,
      customCommands: [...stubs, ...custom],
      sleep: async (ms: number) => {
        await this.advance(ms);
      },
      executionLimits: {
        maxExecutionTimeMs: 20000,
        maxCommandCount: 100000,
        maxLoopIterations: 100000,
        maxCallDepth: 100,
        maxOutputSize: opts.maxOutputBytes ?? 96 * 1024 * 1024,
        maxStringLength: 64 * 1024 * 1024,
        maxHeredocSize: 4 * 1024 * 1024,
        maxAwkIterations: 1_000_000,
        maxTraversalEntries: 5_000_000,
        maxGlobOperations: 5_000_000,
      },
      processInfo: { pid: host.logins[0]?.pid ?? 1000, uid: this.cred.uid, gid: this.cred.gids[0] ?? 0 },
    });
    this.bash.registerTransformPlugin(ttyPlugin(this.ttyState));
  }

  /** sudo -i / su -: become another user (root only via sudo group membership). */
  switchUser(name: string): boolean {
    const u = this.host.userByName(name);
    if (!u) return false;
    const sudoers = this.host.groups.find((g) => g.name === "sudo")?.members ?? [];
    if (this.cred.uid !== 0 && !sudoers.includes(this.loginUser) && name !== this.user) return false;
    this.user = name;
    this.cred = this.host.credOf(name);
    this.cwd = u.home;
    this.env = { ...this.env, HOME: u.home, USER: name, LOGNAME: name, PWD: u.home, PATH: u.uid === 0 ? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" : this.env.PATH ?? "/usr/bin:/bin" };
    return true;
  }

  private currentCred(): Cred {
    if (this.execUser) return this.host.credOf(this.execUser);
    return this.asRootDepth > 0 ? { uid: 0, gids: [0] } : this.cred;
  }

  /** whether one of our commands already ran in the current line (the line's process is taken) */
  private ourCommandRan = false;

  /** pid of the login shell (-bash) */
  private shellPid(): number {
    return this.host.logins[0]?.pid ?? 1;
  }

  /** sudo -u USER: the user a sub-shell runs as */
  private execUser: string | undefined;

  /** The prompt, e.g. `sre@web-01:~$ `. */
  prompt(): string {
    const home = this.env.HOME ?? "";
    const where = this.cwd === home ? "~" : home && this.cwd.startsWith(home + "/") ? "~" + this.cwd.slice(home.length) : this.cwd;
    return `${this.user}@${this.host.hostname}:${where}${this.user === "root" ? "#" : "$"} `;
  }

  /** Advances the sim clock; returns false once interrupted (Ctrl-C, a timeout(1) deadline). */
  async advance(ms: number): Promise<boolean> {
    let left = ms;
    while (left > 0) {
      if (this.isInterrupted()) return false;
      const step = Math.min(left, 1000);
      this.host.tick(step);
      left -= step;
    }
    return !this.isInterrupted();
  }

  /**
   * Ctrl-C, a timeout(1) deadline, or — in script mode — the hard cap that guarantees every
   * line ends (HARD_CAP_MS of sim time).
   */
  private isInterrupted(): boolean {
    if (this.io.interrupted?.()) return true;
    if (this.deadlineMs !== undefined && this.host.nowMs >= this.deadlineMs) return true;
    if (!this.interactive && this.host.nowMs - this.lineStartMs >= HARD_CAP_MS) return true;
    return false;
  }

  /** Script mode's auto-interrupt for streaming tools that have no count (vmstat 1, tail -f). */
  private autoInterrupted(): boolean {
    return !this.interactive && this.host.nowMs - this.lineStartMs >= this.autoInterruptMs;
  }

  /** Runs one command line (may be multi-line). */
  async run(line: string, io: RunIo = {}): Promise<RunResult> {
    this.io = io;
    this.evidence = [];
    this.screen = undefined;
    this.streamed = false;
    this.exitRequested = false;
    this.lineStartMs = this.host.nowMs;
    this.ourCommandRan = false;
    const trimmed = line.trim();
    if (trimmed && !line.startsWith(" ")) this.history.push(line.replace(/\n+$/, ""));
    if (trimmed === "") return { stdout: "", stderr: "", exitCode: this.lastExit, evidence: [], simMs: 0, actions: [] };
    if (/^(exit|logout)(\s+\d+)?\s*$/.test(trimmed)) {
      return { stdout: "", stderr: "", exitCode: 0, evidence: [], simMs: 0, exit: true, actions: [] };
    }
    let script: string;
    try {
      this.ttyState.forceNoTty = false;
      script = this.bash.transform(line).script;
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      const near = /near ['`]?([^'`\s]+)/.exec(msg)?.[1];
      // the parser's own bounds (a 10 MB paste, a heredoc of megabytes, thousands of lines at once)
      const tooLarge = /Input too large: (\d+) bytes exceeds limit of (\d+)/.exec(msg);
      const tooMany = /Parser stuck: too many iterations \(>(\d+)\)/.exec(msg);
      const said = tooLarge
        ? `-bash: input too large: ${tooLarge[1]} bytes at once (Faultline reads at most ${tooLarge[2]}; paste less, or write the data to a file in pieces)\n`
        : tooMany
          ? `-bash: input too long: more than ${tooMany[1]} commands at once (Faultline stops there; paste them in smaller pieces)\n`
          : `-bash: syntax error near unexpected token \`${near ?? "newline"}'\n`;
      const r = { stdout: "", stderr: said, exitCode: 2, evidence: [], simMs: 0, actions: [] };
      this.lastExit = 2;
      return r;
    }
    let stdout = "";
    let stderr = "";
    let exitCode = 0;
    const actions: EngineEvent[] = [];
    let lineProc: { pid: number } | undefined;
    const off = this.host.onEvent((e) => {
      if (!this.host.ticking && e.type !== "process-spawned") actions.push(e);
    });
    try {
      // the line's first command runs as a short-lived process (cat /proc/self/... reads itself)
      const words = trimmed.split(/\s+/).filter((w) => !/^\w+=/.test(w) && w !== "sudo");
      const first = (words[0] ?? "bash").replace(/[;&|<>].*$/, "").replace(/^.*\//, "");
      const cred = this.currentCred();
      // argv is only the program name here: the words before expansion are not what the process sees
      lineProc = this.host.spawnTransient(first, [first], this.shellPid(), cred.uid, cred.gids[0] ?? 0);
      this.host.observerPid = lineProc?.pid ?? this.host.observerPid;
      // each line is a fresh exec that copies the library's (private) state, where $? lives:
      // seed it with the previous line's status so `echo $?` on the next line sees it
      const libState = (this.bash as unknown as { state?: { lastExitCode?: number } }).state;
      if (libState && typeof libState.lastExitCode === "number") libState.lastExitCode = this.lastExit;
      const res = await this.bash.exec(script, { env: { ...this.env }, replaceEnv: true, cwd: this.cwd, rawScript: true, signal: this.abortSignal() });
      stdout = res.stdout;
      stderr = res.stderr;
      exitCode = res.exitCode;
      if (res.env) {
        const env = { ...res.env };
        delete env[NOTTY_VAR];
        this.env = env;
        if (env.PWD) this.cwd = env.PWD;
      }
    } catch (e) {
      const r = this.describeFailure(e);
      stderr = r;
      exitCode = 1;
    } finally {
      off();
      if (lineProc) this.host.removeTransient(lineProc.pid);
    }
    if (this.io.interrupted?.()) {
      // Ctrl-C: the terminal shows ^C (the driver echoes it); bash reports nothing more
      stderr = stderr.replace(/^-?bash: execution aborted\n?/gm, "");
      if (exitCode === 0 || exitCode === 124) exitCode = 130;
    }
    this.host.observerPid = 0;
    stderr = this.sanitize(fixNestedFsErrors(fixAmbiguousRedirect(stderr, trimmed), trimmed).replace(/^bash: /gm, "-bash: "));
    // the `time` keyword reports sim time (the interpreter measured the wall clock)
    if (/^real\t\d+m[\d.]+s$/m.test(stderr)) stderr = stderr.replace(/^real\t\d+m[\d.]+s\nuser\t\d+m[\d.]+s\nsys\t\d+m[\d.]+s$/m, formatTime(this.host.nowMs - this.lineStartMs));
    stdout = this.sanitize(stdout);
    this.lastExit = exitCode;
    return { stdout, stderr, exitCode, evidence: [...new Set(this.evidence)], screen: this.screen, simMs: this.host.nowMs - this.lineStartMs, exit: this.exitRequested || undefined, actions };
  }

  private describeFailure(e: unknown): string {
    if (e instanceof FsError) return `-bash: ${e.path}: ${ERRNO_TEXT[e.code] ?? "Input/output error"}\n`;
    if (e instanceof VfsError) return `-bash: ${e.path}: ${e.text}\n`;
    const msg = e instanceof Error ? e.message : String(e);
    if (/too many commands|loop|iterations|call depth|recursion|execution time|timeout/i.test(msg)) return `-bash: command stopped: it ran too long (Faultline stops runaway loops; press Ctrl-C to interrupt)\n`;
    if (/output.*(size|large)|string length/i.test(msg)) return `-bash: command stopped: output too large\n`;
    this.internalErrors.push(msg);
    return `-bash: internal error while running this command\n`;
  }

  /** Rewrites library limit messages into ours and scrubs anything that looks like JS. */
  private sanitize(text: string): string {
    let t = text.replace(/^-?bash: too many commands executed.*$/gm, "-bash: command stopped: more than 100000 commands ran (Faultline stops runaway loops)");
    t = t.replace(/^-?bash: .*(?:maxLoopIterations|maxCommandCount|maxCallDepth|executionLimits|maxExecutionTimeMs).*$/gm, "-bash: command stopped: it ran too long (Faultline stops runaway loops)");
    if (INTERNAL_LEAK.test(t)) {
      const lines = t.split("\n");
      this.internalErrors.push(lines.filter((l) => INTERNAL_LEAK.test(l)).join("\n"));
      t = lines.filter((l) => !INTERNAL_LEAK.test(l)).join("\n");
    }
    return t;
  }

  /** Runs one of our commands with parsing, help, errors and evidence. */
  private async runOurs(c: Command, args: string[], lib: { env: Map<string, string>; cwd: string; stdin: string }): Promise<CommandResult> {
    const isTty = this.interactive && lib.env.get(NOTTY_VAR) !== "1";
    const prevObserver = this.host.observerPid;
    // the line's transient process is this command when it is the line's first one; otherwise a new one
    const lineProc = this.host.procs.get(prevObserver);
    const reuse = lineProc?.transient && lineProc.comm === c.name.slice(0, 15) && !this.ourCommandRan;
    const cred0 = this.currentCred();
    const own = reuse ? undefined : this.host.spawnTransient(c.name, [c.name, ...args], lineProc?.transient ? lineProc.ppid : this.shellPid(), cred0.uid, cred0.gids[0] ?? 0);
    if (lineProc?.transient) lineProc.argv = reuse ? [c.name, ...args] : lineProc.argv;
    const pid = reuse ? prevObserver : (own?.pid ?? this.host.nextPid);
    this.ourCommandRan = true;
    this.host.observerPid = pid;
    const stdinText = typeof lib.stdin === "string" ? decodeLatin1Utf8(lib.stdin) : "";
    const ctx: CommandContext = {
      host: this.host,
      act: this.actions,
      cwd: lib.cwd,
      env: lib.env,
      stdin: stdinText,
      cred: this.currentCred(),
      userName: this.execUser ?? (this.currentCred().uid === 0 ? "root" : this.user),
      isTty,
      cols: isTty ? this.cols : 80,
      rows: this.rows,
      interactive: this.interactive,
      pid,
      sleep: async (ms, o) => (await this.advance(ms)) && (o?.bounded === true || !this.autoInterrupted()),
      interrupted: () => this.isInterrupted(),
      fallback: async (argv) => {
        const orig = (lib as { origCommand?: (a: string[]) => Promise<{ stdout: string; stderr: string; exitCode: number }> }).origCommand;
        if (!orig) return { stdout: "", stderr: `${c.name}: not available\n`, exitCode: 127 };
        return orig(argv);
      },
      write: (chunk) => {
        if (!isTty || !this.io.onOutput) return false;
        this.io.onOutput(chunk);
        this.streamed = true;
        return true;
      },
      exec: async (line, o = {}) => {
        const prevUser = this.execUser;
        if (o.asUser) this.execUser = o.asUser;
        if (o.asRoot) this.asRootDepth++;
        try {
          this.ttyState.forceNoTty = true;
          const script = this.bash.transform(line).script;
          this.ttyState.forceNoTty = false;
          const r = await this.bash.exec(script, { env: { ...Object.fromEntries(lib.env), [NOTTY_VAR]: "1" }, replaceEnv: true, cwd: lib.cwd, stdin: o.stdin, rawScript: true });
          return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
        } catch (e) {
          return { stdout: "", stderr: this.describeFailure(e), exitCode: 1 };
        } finally {
          if (o.asRoot) this.asRootDepth--;
          this.execUser = prevUser;
        }
      },
      resolve: (p) => normalizePath(lib.cwd, p.startsWith("~") ? (this.env.HOME ?? "/") + p.slice(1) : p),
      shell: {
        history: () => this.history,
        clearHistory: () => this.clearHistory(),
        setHostname: (name) => {
          if (this.currentCred().uid !== 0) return false;
          this.host.hostname = name;
          this.host.sysctl.set("kernel.hostname", name);
          return true;
        },
        switchUser: (name) => this.switchUser(name),
        loginUser: this.loginUser,
        withDeadline: async (ms, fn) => {
          const prev = this.deadlineMs;
          const deadline = this.host.nowMs + ms;
          this.deadlineMs = prev === undefined ? deadline : Math.min(prev, deadline);
          try {
            const value = await fn();
            return { value, timedOut: this.host.nowMs >= deadline };
          } finally {
            this.deadlineMs = prev;
          }
        },
      },
    };
    try {
      let res: CommandResult;
      if (c.parse === "raw") res = await c.run(ctx, {}, args, args);
      else {
        const parsed = parseOptions(c, args);
        if (parsed.ok === "help") res = { stdout: c.help ?? renderHelp(c) };
        else if (parsed.ok === "version") res = { stdout: `${c.version}\n` };
        else if (parsed.ok === false) res = { stdout: "", stderr: parsed.stderr, exitCode: parsed.exitCode };
        else res = await c.run(ctx, parsed.opts, parsed.operands, args);
      }
      if (res.evidence) this.evidence.push(...res.evidence);
      if (res.screen) this.screen = res.screen;
      return res;
    } catch (e) {
      if (e instanceof VfsError) return { stdout: "", stderr: `${c.name}: ${e.path}: ${e.text}\n`, exitCode: 1 };
      // V8 compiles a regex on first use: a pattern of hundreds of kilobytes fails there, where
      // GNU tools run out of memory compiling it
      if (e instanceof SyntaxError && /Regular expression too large$/.test(e.message)) return { stdout: "", stderr: `${c.name}: memory exhausted\n`, exitCode: 2 };
      const msg = e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ""}` : String(e);
      this.internalErrors.push(`${c.name}: ${msg}`);
      return { stdout: "", stderr: `${c.name}: unexpected internal error\n`, exitCode: 1 };
    } finally {
      this.host.observerPid = prevObserver;
      if (own) this.host.removeTransient(own.pid);
    }
  }

  /** An AbortSignal-shaped view of Ctrl-C: the interpreter stops at the next statement. */
  private abortSignal(): NonNullable<ExecOptions["signal"]> {
    const io = (): RunIo => this.io;
    const sig = {
      get aborted(): boolean {
        return io().interrupted?.() === true;
      },
      reason: undefined,
      onabort: null,
      addEventListener(): void {},
      removeEventListener(): void {},
      dispatchEvent(): boolean {
        return true;
      },
      throwIfAborted(): void {},
    };
    return sig as unknown as NonNullable<ExecOptions["signal"]>;
  }

  /** The spec of one of our commands (completion of operands: services, pids). */
  commandSpec(name: string): Command | undefined {
    return this.commands.get(name);
  }

  /** Forget the history (history -c). */
  clearHistory(): void {
    this.history.length = 0;
  }

  /** Marks evidence from outside a command (e.g. the session's own notices). */
  addEvidence(...keys: string[]): void {
    this.evidence.push(...keys);
  }

  /** Names the shell can complete as commands. */
  commandNames(): string[] {
    return [...new Set([...LIBRARY_COMMANDS, ...this.commands.keys(), "cd", "export", "exit", "logout", "unset", "set", "source", "type", "command", "kill"])].sort();
  }

  /** Whether streamed output was already written during the last line. */
  get didStream(): boolean {
    return this.streamed;
  }
}

const NON_ASCII = /[^\x00-\x7f]/;

/** In script mode, no line runs longer than this much sim time. */
const HARD_CAP_MS = 30 * 60 * 1000;

/** bash's `time` report for a sim duration. */
function formatTime(ms: number): string {
  const t = (x: number): string => `${Math.floor(x / 60000)}m${((x % 60000) / 1000).toFixed(3)}s`;
  return `real\t${t(ms)}\nuser\t${t(Math.min(ms, 1))}\nsys\t${t(Math.min(ms, 2))}`;
}

const PAGERS = new Set(["less", "more", "most", "pg"]);
const EDITORS = new Set(["vi", "vim", "nano", "emacs", "ed", "joe", "mcedit", "view"]);

/** Single-quotes a word for the shell. */
export function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`;
}

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: "No such file or directory",
  ENOSPC: "No space left on device",
  EACCES: "Permission denied",
  EPERM: "Operation not permitted",
  EROFS: "Read-only file system",
  EISDIR: "Is a directory",
  ENOTDIR: "Not a directory",
  EIO: "Input/output error",
  EINVAL: "Invalid argument",
  EBUSY: "Device or resource busy",
  ENOTEMPTY: "Directory not empty",
  EEXIST: "File exists",
  ENXIO: "No such device or address",
};

/** just-bash hands stdin as latin1-shaped bytes; decode UTF-8 for text tools. */
function decodeLatin1Utf8(s: string): string {
  if (!/[\u0080-\u00ff]/.test(s)) return s;
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i) & 0xff;
  return new TextDecoder().decode(bytes);
}
