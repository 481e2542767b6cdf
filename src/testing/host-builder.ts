/**
 * Test fixtures: the fixed demo host at a fixed seed and sim time, a session on it, and a
 * helper that runs command lines and returns the transcript exactly as a terminal shows it.
 * Imported only by *.test.ts files.
 */
import { buildHost, demoHostSpec, type Host, type HostSpec } from "../engine/index.js";
import { createSession, type ShellSession } from "../shell/index.js";

export function buildTestHost(mutate?: (spec: HostSpec) => void, seed = 42): Host {
  const spec = demoHostSpec(seed);
  mutate?.(spec);
  return buildHost(spec);
}

export function testSession(host: Host = buildTestHost(), opts: { interactive?: boolean; cols?: number; user?: string } = {}): ShellSession {
  return createSession(host, { interactive: opts.interactive ?? false, cols: opts.cols ?? 80, user: opts.user });
}

/** Runs a line and returns stdout+stderr as the terminal would show them (stdout first). */
export async function sh(session: ShellSession, line: string): Promise<string> {
  const r = await session.run(line);
  return r.stdout + r.stderr;
}

/** Runs a line and returns the full result. */
export async function run(session: ShellSession, line: string): Promise<{ stdout: string; stderr: string; exitCode: number; evidence: string[] }> {
  const r = await session.run(line);
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode, evidence: r.evidence };
}

/** A host as root with a root session. */
export function rootSession(host: Host = buildTestHost()): ShellSession {
  return createSession(host, { interactive: false, user: "root" });
}
