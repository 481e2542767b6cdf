/**
 * Blocking waits of tools that end on their own (a DNS timeout, a connect timeout, ping -c):
 * the sim clock advances by the full wait. Script mode's auto-interrupt is meant for
 * streaming tools without a count, so it does not cut these short; an interactive Ctrl-C
 * (or a timeout(1) deadline there) does. Returns false when interrupted.
 */
import type { CommandContext } from "../../spec/define-command.js";

export async function blockingWait(ctx: CommandContext, ms: number): Promise<boolean> {
  if (ms <= 0) return !ctx.interrupted();
  return ctx.sleep(ms, { bounded: true });
}
