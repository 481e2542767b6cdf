/**
 * A bash-syntax checker for scenario walkthroughs, backed by the interpreter library's parser
 * (available in Node; the browser build injects its own through a session).
 */
import { parse } from "just-bash";

export function checkShellSyntax(line: string): string | undefined {
  try {
    parse(line);
    return undefined;
  } catch (e) {
    return (e instanceof Error ? e.message : String(e)).split("\n")[0];
  }
}
