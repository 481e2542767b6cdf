/**
 * Shared by the shell fuzzer's bounded CI test (shell-fuzz.test.ts) and its long runner
 * (run.ts): fast-check arbitraries for hostile command lines — random token soup (quotes,
 * pipes, redirections, globs, expansions, control characters, huge arguments) and mutations of
 * every shipped scenario's walkthrough/variant/anti-path lines — a session per scenario host,
 * and the check every line must pass: no uncaught exception, no internal error, no JavaScript
 * text in the output, and the session still answers `echo ok` with a sane prompt afterwards.
 */
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { compileScenario, loadScenario, type Scenario } from "../../src/scenario/index.js";
import { createSession, type ShellSession } from "../../src/shell/index.js";
import { checkShellSyntax } from "../../src/testing/shell-syntax.js";

const SCENARIO_DIR = new URL("../../scenarios/", import.meta.url);

/** Every shipped scenario, loaded and validated. */
export function shippedScenarios(): Scenario[] {
  return readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => {
      const r = loadScenario(readFileSync(new URL(f, SCENARIO_DIR), "utf8"), `scenarios/${f}`, { checkShellSyntax });
      if (!r.ok) throw new Error(`scenarios/${f} does not load`);
      return r.value;
    });
}

/** Every command line of a scenario's paths (walkthrough, variants, anti-paths). */
export function scenarioLines(s: Scenario): string[] {
  const steps = [...s.walkthrough.steps, ...(s.variants ?? []).flatMap((v) => v.steps), ...s.antiPaths.flatMap((a) => a.steps)];
  return [...new Set(steps.map((x) => x.run).filter((x): x is string => typeof x === "string"))];
}

export function scenarioSession(s: Scenario, seed = 1): ShellSession {
  return createSession(compileScenario(s, seed).host, { interactive: false, cols: 80 });
}

// ---- arbitraries

const COMMANDS = [
  "ps", "top", "uptime", "free", "vmstat", "iostat", "mpstat", "pidstat", "df", "du", "ls", "cat", "find", "grep", "awk", "sed", "sort", "uniq", "head", "tail",
  "wc", "journalctl", "systemctl", "dmesg", "ss", "netstat", "lsof", "strace", "kill", "pkill", "pgrep", "sysctl", "mount", "umount", "ip", "dig", "nslookup",
  "curl", "echo", "printf", "cd", "pwd", "rm", "mkdir", "touch", "tee", "xargs", "env", "export", "unset", "sudo", "history", "which", "type", "stat", "file",
  "tr", "cut", "nl", "ulimit", "w", "who", "last", "id", "hostname", "uname", "lsblk", "blkid", "pstree", "nice", "renice", "timeout", "sleep", "watch", "yes",
  "less", "vi", "true", "false", "test", "[", "read", "set", "shift", "local", "return", "eval", "exec", "trap", "wait", "jobs", "fg", "bg", "source", ".",
];
const WORDS = [
  "-a", "-e", "-f", "-h", "-l", "-n", "-u", "-x", "-z", "-9", "-SIGKILL", "--help", "--version", "--no-pager", "--", "-", "aux", "-ef", "-eo", "pid,comm,%mem",
  "-b", "-n1", "1", "3", "0", "-1", "99999999999999999999", "1e9", "0x10", "restart", "status", "stop", "nginx", "nginx.service", "postgresql", "@", "%", ":",
  "/", "/proc", "/proc/1/status", "/proc/self/fd", "/proc/sys/kernel/pid_max", "/sys", "/dev/null", "/dev/zero", "/dev/urandom", "/var/log", "/var/log/syslog",
  "/etc/passwd", "/tmp", "~", "..", ".", "*", "?", "/*", "/proc/*/comm", "[a-z]*", "{a,b,c}", "{1..5}", "$HOME", "$?", "$$", "$!", "$#", "$@", "${X:-d}",
  "${#PATH}", "$((1/0))", "$((2**62))", "$(echo hi)", "`id`", "<(ls)", "'q'", '"d q"', "'", '"', "\\", "\\n", "é", "日本", "\u{1f4a5}", "a=b", "X=1",
  "kernel.pid_max", "vm.swappiness=10", "-w", ":80", "-tlnp", "-p", "1234", "-k", "-o", "--since", "'1 hour ago'", "-u", "nginx", "-s", "-r", "-name", "-type",
];
const OPS = ["|", "||", "&&", ";", "&", ">", ">>", "<", "2>&1", "2>/dev/null", ">/dev/null", "<<<", "|&", "&>", "(", ")", "{", "}", ";;", "!", "<<EOF\nx\nEOF", "\n", "\\\n"];
const CONTROL = ["\x00", "\x01", "\x03", "\x04", "\x07", "\x08", "\t", "\r", "\x0b", "\x0c", "\x1b", "\x1b[2J", "\x1b]0;t\x07", "\x7f", "\u0085", "\u2028", "\ufeff", "\ud800"];

const huge = fc.constantFrom(1_000, 65_536, 300_000).chain((n) => fc.constantFrom("A", "ab ", "/", "*", "$x", "'", "é").map((c) => c.repeat(Math.ceil(n / c.length)).slice(0, n)));
const token = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 3, arbitrary: fc.constantFrom(...COMMANDS) },
  { weight: 3, arbitrary: fc.constantFrom(...OPS) },
  { weight: 2, arbitrary: fc.constantFrom(...CONTROL) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 8 }) },
  { weight: 1, arbitrary: huge },
);

/** A random line: a command then a soup of tokens, joined by spaces or glued. */
export const randomLine: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...COMMANDS), fc.array(fc.tuple(token, fc.constantFrom(" ", " ", " ", "")), { maxLength: 14 }))
  .map(([cmd, rest]) => cmd + rest.map(([t, sep]) => sep + t).join(""));

type Mutation = (line: string, pos: number, extra: string) => string;
const MUTATIONS: Mutation[] = [
  (l, p, x) => l.slice(0, p) + x + l.slice(p), // insert
  (l, p) => l.slice(0, p) + l.slice(p + 1 + (p % 7)), // delete a run
  (l, p) => l.slice(0, p), // truncate
  (l, p) => l.slice(0, p) + l.slice(p, p + 5).repeat(3) + l.slice(p + 5), // duplicate
  (l, p, x) => l.slice(0, p) + x + l.slice(p + 1), // replace one char
  (l) => l.split(" ").reverse().join(" "), // swap words
  (l, _p, x) => `${l} ${x}`, // append
  (l, _p, x) => `${x} ${l}`, // prepend
  (l) => `${l} | ${l}`, // pipe into itself
  (l) => `(${l}) &`, // background subshell
  (l) => `for i in 1 2 3; do ${l}; done`, // loop
  (l) => `$(${l})`, // substitution as a command name
  (l, p) => l.slice(0, p) + '"' + l.slice(p), // unbalanced quote
  (l, p) => l.slice(0, p) + "'" + l.slice(p), // unbalanced single quote
];

/** Mutations of the given seed lines (a few mutations stacked). */
export function mutatedLine(seeds: readonly string[]): fc.Arbitrary<string> {
  const extra = fc.oneof(token, fc.constantFrom(...OPS, ...CONTROL));
  const step = fc.tuple(fc.nat({ max: MUTATIONS.length - 1 }), fc.nat({ max: 400 }), extra);
  return fc.tuple(fc.constantFrom(...seeds), fc.array(step, { minLength: 1, maxLength: 4 })).map(([seed, steps]) =>
    steps.reduce((l, [m, p, x]) => MUTATIONS[m]!(l, l.length ? p % (l.length + 1) : 0, x), seed),
  );
}

/** Hand-picked lines the generators reach only rarely. */
export const CORPUS = [
  "", " ", ";", ";;", "|", "||", "&&", "&", "(", ")", "{", "}", "'", '"', "`", "\\", "$", "${", "$(", "$((", "!", "!!", "!-1", "<", ">", ">>", "<<", "<<<",
  "echo \x00", "echo $'\\x00\\xff'", "printf '%s %d %q' a b c", "printf '%*d' 999999999 1", "echo ${x:?}", "echo ${x:-${y:-${z:-deep}}}", "echo $((1/0))",
  "echo $((2**64))", "echo $((-9223372036854775808 / -1))", "echo {1..100000} | wc -c", "echo {a..z}{a..z}{a..z} | wc -w", "ls /proc/*/fd/* | wc -l",
  "cat /proc/*/status | wc -l", "cat /proc/self/mem", "cat /proc/kcore | head -c 10", "cat /dev/urandom | head -c 16 | wc -c", "head -c 1000000 /dev/zero | wc -c",
  "ls -R / | wc -l", "find / -name '*' | wc -l", "cd /proc/1/root; pwd", "cd ''; pwd", "cd -", "cd ~nobody", "cd /nonexistent/dir", "pushd /tmp",
  "kill -9 -1", "kill -9 1", "kill -STOP $$", "kill -0 99999999999", "sudo kill -9 1", "sudo rm -rf --no-preserve-root /", "sudo rm -rf /proc/1",
  "sudo chmod 000 /", "echo x > /proc/sys/kernel/pid_max", "sudo sh -c 'echo 0 > /proc/sys/kernel/pid_max'", "sudo sysctl -w kernel.pid_max=1",
  "sudo sysctl -w kernel.threads-max=0", "ulimit -u 1", "ulimit -n 0; ls", "exec 3>&-", "exec 99>/tmp/x", "trap 'echo t' EXIT", "set -e; false", "set -u; echo $nope",
  "set -o noclobber; echo > /tmp/a; echo > /tmp/a", "unset PATH; ls", "PATH=; ls", "export PS1='\\u'", "HOME=; cd", "alias ls='ls -la'; ls /tmp",
  "eval \"$(printf 'echo %.0s' {1..5000})\"", "x=$(printf 'a%.0s' {1..100000}); echo ${#x}", "read x <<< hi; echo $x", "cat <<EOF\n$(echo nested)\nEOF",
  "cat <<'EOF'\nunterminated", "f() { f; }; f", "true | true | true | true | true | true | true | true | true | true", "timeout 1 sleep 5", "timeout 0 top -b",
  "sleep 999999999", "sleep -1", "sleep 1e400", "watch -n 0 date", "top -b -n 0", "vmstat 0", "vmstat 1 999999", "iostat -x 1 0", "journalctl -n 99999999999",
  "tail -c 99999999999 /var/log/syslog", "head -n -99999999999 /etc/passwd", "ps -o %zz", "ps --sort=-%nope", "ss -K", "strace -p 1", "lsof -p -1",
  "dmesg -T -l nope", "df -B 0", "du -d -1 /", "sort -k 999999999 /etc/passwd", "awk 'BEGIN { while (1) {} }'", "awk 'BEGIN{printf \"%*d\", 1e9, 1}'",
  "sed -e 's/a/b/999999999999' /etc/passwd", "grep -P '(a+)+$' /etc/passwd", "grep -E '(a|a)*b' /etc/passwd", "xargs -n 0 echo < /dev/null",
  "seq 1 0.0000001 2 | head -1", "seq 1e18 1e18", "printf '%.99999f' 1", "date -d @99999999999999", "stat -c '%Q' /", "tr -d < /dev/null",
  "\u202eecho rtl", "echo \ud800", "echo \u0085\u2028\u2029", "\x1b[A\x1b[B", "\x03", "\x04", "exit 999", "logout now",
];

// ---- the check

/** Output that betrays JavaScript instead of a shell. */
const JS_TEXT = /\b(TypeError|ReferenceError|RangeError|SyntaxError: |InternalError|undefined|NaN|\[object \w+\]|at (?:async )?[\w.<>]+ \([^)]*:\d+:\d+\)|node_modules|Cannot read propert|is not a function|Maximum call stack)/;
const PROMPT = /^[\w.-]+@[\w.-]+:[^\n]*[$#] $/;

export interface FuzzFailure {
  line: string;
  problem: string;
}

/**
 * Runs one line and the follow-up; returns a problem or undefined. When the line legitimately
 * ends the session (exit, logout), `recreate` is true and the caller opens a new one;
 * `destroyed` says the line deleted the host's programs (rm -rf /).
 */
export async function checkLine(session: ShellSession, line: string): Promise<{ problem?: string; recreate?: boolean; destroyed?: boolean }> {
  let r;
  try {
    r = await session.run(line);
  } catch (e) {
    return { problem: `uncaught exception: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`, recreate: true };
  }
  if (session.internalErrors.length) {
    const errs = session.internalErrors.splice(0).join(" | ");
    return { problem: `internal error: ${errs.slice(0, 2000)}`, recreate: true };
  }
  // the line may print those words itself (echo undefined); only flag text the line did not contain
  const typed = line.toLowerCase();
  for (const [stream, text] of [["stderr", r.stderr], ["stdout", r.stdout]] as const) {
    const m = JS_TEXT.exec(text);
    if (m && !typed.includes(m[1]!.toLowerCase())) return { problem: `${stream} shows JavaScript text: ${JSON.stringify(context(text, m.index))}` };
  }
  if (!Number.isInteger(r.exitCode) || r.exitCode < 0 || r.exitCode > 255) return { problem: `exit code ${String(r.exitCode)}` };
  if (r.exit) return { recreate: true };
  const prompt = session.prompt();
  if (!PROMPT.test(prompt)) return { problem: `prompt is not sane afterwards: ${JSON.stringify(prompt)}`, recreate: true };
  let ok;
  try {
    ok = await session.run("echo ok");
  } catch (e) {
    return { problem: `follow-up threw: ${String(e)}`, recreate: true };
  }
  // known gap: the interpreter finds even echo through PATH, so `sudo rm -rf /` leaves a shell
  // with no commands (bash would still have its builtins); that host is gone, not crashed
  if (ok.exitCode === 127 && !session.host.vfs.exists("/usr/bin/echo")) return { recreate: true, destroyed: true };
  if (ok.stdout !== "ok\n" || ok.exitCode !== 0) return { problem: `follow-up \`echo ok\` gave ${JSON.stringify(ok.stdout + ok.stderr)} (exit ${ok.exitCode})`, recreate: true };
  return {};
}

function context(text: string, at: number): string {
  return text.slice(Math.max(0, at - 80), at + 80);
}
