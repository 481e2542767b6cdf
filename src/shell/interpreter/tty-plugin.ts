/**
 * Knowing whether a command's stdout is the terminal: real tools change their output for a
 * tty (ps truncates to the width, ss spreads columns, sysstat colours, top refuses without
 * -b). just-bash runs commands without that notion, so this transform plugin walks each
 * line's AST and prefixes every simple command whose stdout is *not* the terminal (piped,
 * redirected, in $(…), backgrounded) with an assignment our commands read. The same walk
 * is used for `watch`/`timeout` sub-shells, where nothing is a terminal.
 */
import type { TransformPlugin } from "just-bash";

export const NOTTY_VAR = "__FL_NOTTY";

type AnyNode = { type?: string; [k: string]: unknown };

const STDOUT_REDIRECTS = new Set([">", ">>", ">|", "&>", "&>>", ">&"]);

function redirectsStdout(node: AnyNode): boolean {
  const reds = (node.redirections as AnyNode[] | undefined) ?? [];
  return reds.some((r) => STDOUT_REDIRECTS.has(String(r.operator)) && (r.fd === null || r.fd === undefined || r.fd === 1));
}

function markNoTty(cmd: AnyNode): void {
  const assigns = (cmd.assignments as AnyNode[] | undefined) ?? [];
  if (assigns.some((a) => a.name === NOTTY_VAR)) return;
  cmd.assignments = [{ type: "Assignment", name: NOTTY_VAR, value: { type: "Word", parts: [{ type: "Literal", value: "1" }] }, append: false, array: null }, ...assigns];
}

/** Bash builtins the interpreter library implements itself but ours must answer (its `help` names the library). */
export const BUILTIN_RENAMES: Record<string, string> = { help: "__fl_help" };

function renameBuiltin(cmd: AnyNode): void {
  const name = cmd.name as { parts?: AnyNode[] } | null | undefined;
  const part = name?.parts?.length === 1 ? name.parts[0] : undefined;
  if (part?.type === "Literal" && typeof part.value === "string" && BUILTIN_RENAMES[part.value]) part.value = BUILTIN_RENAMES[part.value];
}

function walk(node: unknown, tty: boolean): void {
  if (Array.isArray(node)) {
    for (const n of node) walk(n, tty);
    return;
  }
  if (!node || typeof node !== "object") return;
  const n = node as AnyNode;
  if (n.type === "Statement") {
    const pipelines = (n.pipelines as AnyNode[]) ?? [];
    for (const p of pipelines) {
      const cmds = (p.commands as AnyNode[]) ?? [];
      cmds.forEach((c, i) => {
        const last = i === cmds.length - 1;
        const cmdTty = tty && last && !n.background && !redirectsStdout(c);
        if (c.type === "SimpleCommand" && !cmdTty) markNoTty(c);
        if (c.type === "SimpleCommand") renameBuiltin(c);
        walk(c, cmdTty);
      });
    }
    return;
  }
  if (n.type === "CommandSubstitution" || n.type === "ProcessSubstitution") {
    walk(n.body, false);
    return;
  }
  for (const [k, v] of Object.entries(n)) {
    if (k === "assignments" && n.type === "SimpleCommand") {
      walk(v, false);
      continue;
    }
    if (v && typeof v === "object") walk(v, tty);
  }
}

/** The plugin registered on the session's Bash instance. `forceNoTty` marks everything. */
export function ttyPlugin(state: { forceNoTty: boolean }): TransformPlugin {
  return {
    name: "faultline-tty",
    transform(ctx) {
      walk(ctx.ast, !state.forceNoTty);
      return { ast: ctx.ast };
    },
  };
}
