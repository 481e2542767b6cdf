/**
 * The e2e test hook, installed only when the page URL has `?e2e`: tests can read the whole
 * terminal buffer, ask whether a line runs, and pretend wall time passed (a person waiting),
 * which the worker counts as sim time at the next input.
 */
import type { Terminal } from "@xterm/xterm";
import type { EngineClient } from "../engine-client.js";

let terminal: Terminal | undefined;

export const testHookEnabled = (): boolean => new URLSearchParams(location.search).has("e2e");

export function registerTerminal(t: Terminal | undefined): void {
  terminal = t;
}

export function installTestHook(client: EngineClient): void {
  (window as unknown as { faultlineTest: unknown }).faultlineTest = {
    advanceWallMs: (ms: number) => client.send({ type: "advance-wall", ms }),
    isBusy: () => client.busy,
    terminalText: () => {
      const b = terminal?.buffer.active;
      if (!b) return "";
      const lines: string[] = [];
      for (let i = 0; i < b.length; i++) lines.push(b.getLine(i)?.translateToString(true) ?? "");
      return lines.join("\n").replace(/\n+$/, "");
    },
  };
}
