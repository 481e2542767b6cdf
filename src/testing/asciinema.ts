/**
 * Debian's asciinema 2.2 for the asciicast tests: why its checks are skipped here (not
 * installed, or no script(1) to give it the terminal it opens), and a runner that gives it a
 * pseudo-terminal with output post-processing off, so its stdout is the cast's bytes as is.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export const ASCIINEMA = "/usr/bin/asciinema";

const hasScript = (): boolean => spawnSync("script", ["--version"], { encoding: "utf8" }).status === 0;

/** "" when asciinema can run here, else the reason its tests are skipped. */
export const asciinemaSkipReason: string = !existsSync(ASCIINEMA)
  ? `skipped: ${ASCIINEMA} is not installed (Debian package asciinema)`
  : !hasScript()
    ? "skipped: script(1) is missing (it gives asciinema the tty it needs)"
    : "";

/** Runs `asciinema ARGS` (ARGS already shell-quoted) in a pty; returns its exit status and output. */
export function runAsciinema(args: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync("script", ["-qec", `stty -opost; ${ASCIINEMA} ${args}`, "/dev/null"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
