/**
 * getopt_long-compatible parsing from a command's option spec: bundled short options
 * (-xz), attached or separate arguments (-n5, -n 5, --lines=5, --lines 5), `--` ending
 * options, permutation (GNU) or stop-at-first-operand (POSIX). Errors come back as data in
 * the tool family's own wording.
 */
import type { BadOptionStyle, Command, OptionSpec, ParsedOptions } from "./define-command.js";

export type ParseOutcome =
  | { ok: true; opts: ParsedOptions; operands: string[] }
  | { ok: false; stderr: string; exitCode: number }
  | { ok: "help" }
  | { ok: "version" };

function set(opts: ParsedOptions, o: OptionSpec, value: string | true): void {
  if (o.multiple) {
    const prev = opts[o.name];
    const arr = Array.isArray(prev) ? prev : [];
    opts[o.name] = [...arr, value === true ? "" : value];
  } else if (o.arg === "none" || o.arg === undefined) {
    const prev = opts[o.name];
    opts[o.name] = typeof prev === "number" ? prev + 1 : prev === true ? 2 : true;
  } else opts[o.name] = value;
}

/** Renders the family-specific message for a bad option. */
export function badOptionMessage(cmd: Pick<Command, "name" | "badOption">, opt: string, long: boolean, missingArg = false, ambiguous?: string[]): { stderr: string; exitCode: number } {
  const style: BadOptionStyle = cmd.badOption ?? { kind: "gnu" };
  const name = cmd.name;
  let first: string;
  if (missingArg) first = long ? `${name}: option '--${opt}' requires an argument` : `${name}: option requires an argument -- '${opt}'`;
  else if (ambiguous) first = `${name}: option '--${opt}' is ambiguous; possibilities: ${ambiguous.map((a) => `'--${a}'`).join(" ")}`;
  else first = long ? `${name}: unrecognized option '--${opt}'` : `${name}: invalid option -- '${opt}'`;
  if (style.kind === "custom") return style.render(opt, long, missingArg);
  if (style.kind === "usage") return { stderr: `${style.prefixInvalid === false ? "" : first + "\n"}${style.usage}`, exitCode: style.exitCode ?? 1 };
  return { stderr: `${first}\nTry '${name} --help' for more information.\n`, exitCode: 1 };
}

export function parseOptions(cmd: Command, argv: string[]): ParseOutcome {
  const opts: ParsedOptions = {};
  const operands: string[] = [];
  const posix = cmd.parse === "posix";
  const longs = cmd.options.filter((o) => o.long);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--") {
      operands.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith("--") && a.length > 2) {
      const eq = a.indexOf("=");
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      if (cmd.helpFlag !== false && name === "help") return { ok: "help" };
      if (cmd.version && name === "version") return { ok: "version" };
      const exact = longs.find((o) => o.long === name || o.aliases?.includes(name));
      let o = exact;
      if (!o) {
        const pref = longs.filter((x) => x.long!.startsWith(name));
        // getopt_long: prefixes of several spellings of one option are not ambiguous
        if (pref.length === 1 || (pref.length > 1 && pref.every((x) => x.name === pref[0]!.name && x.arg === pref[0]!.arg))) o = pref[0];
        else if (pref.length > 1) return { ok: false, ...badOptionMessage(cmd, name, true, false, pref.map((x) => x.long!)) };
      }
      if (!o) return { ok: false, ...badOptionMessage(cmd, name, true) };
      if (o.arg === "required") {
        if (eq >= 0) set(opts, o, a.slice(eq + 1));
        else if (i + 1 < argv.length) set(opts, o, argv[++i] as string);
        else return { ok: false, ...badOptionMessage(cmd, o.long!, true, true) };
      } else if (o.arg === "optional") set(opts, o, eq >= 0 ? a.slice(eq + 1) : true);
      else {
        if (eq >= 0) return { ok: false, stderr: `${cmd.name}: option '--${o.long}' doesn't allow an argument\nTry '${cmd.name} --help' for more information.\n`, exitCode: 1 };
        set(opts, o, true);
      }
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const ch = a[j] as string;
        const o = cmd.options.find((x) => x.short === ch);
        if (!o) {
          if (cmd.helpFlag !== false && ch === "h" && !cmd.options.some((x) => x.short === "h") && false) return { ok: "help" };
          return { ok: false, ...badOptionMessage(cmd, ch, false) };
        }
        if (o.arg === "required") {
          const rest = a.slice(j + 1);
          if (rest) set(opts, o, rest);
          else if (i + 1 < argv.length) set(opts, o, argv[++i] as string);
          else return { ok: false, ...badOptionMessage(cmd, ch, false, true) };
          break;
        }
        if (o.arg === "optional") {
          const rest = a.slice(j + 1);
          set(opts, o, rest || true);
          break;
        }
        set(opts, o, true);
      }
      continue;
    }
    operands.push(a);
    if (posix) {
      operands.push(...argv.slice(i + 1));
      break;
    }
  }
  return { ok: true, opts, operands };
}

/** A generated --help page for commands without their own text. */
export function renderHelp(cmd: Command): string {
  const lines = [`Usage: ${cmd.usage}`, cmd.summary, ""];
  for (const o of cmd.options) {
    const flags = [o.short ? `-${o.short}` : "", o.long ? `--${o.long}${o.arg === "required" ? "=VALUE" : o.arg === "optional" ? "[=VALUE]" : ""}` : ""].filter(Boolean).join(", ");
    lines.push(`  ${flags.padEnd(28)}${o.description ?? ""}`);
  }
  lines.push(`      --help                  display this help and exit`);
  return lines.join("\n") + "\n";
}
