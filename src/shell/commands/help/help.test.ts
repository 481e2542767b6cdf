import { describe, expect, it } from "vitest";
import type { CommandContext } from "../../spec/define-command.js";
import { helpCommand } from "./help.js";

/**
 * The interpreter library answers `help` with its own builtin before our command is looked
 * up (a core change is needed to route it here), so these tests call the command directly.
 */
const ctx = {} as CommandContext;
const call = async (argv: string[]) => helpCommand.run(ctx, {}, argv, argv);

describe("help", () => {
  it("lists builtins like bash 5.2", async () => {
    const r = await call([]);
    await expect(r.stdout).toMatchFileSnapshot("__golden__/help.txt");
    expect(r.stdout.startsWith("GNU bash, version 5.2.15(1)-release (x86_64-pc-linux-gnu)\n")).toBe(true);
  });
  it("help NAME and unknown topics", async () => {
    expect((await call(["pwd"])).stdout).toBe("pwd: pwd [-LP]\n    Print the name of the current working directory.\n");
    expect(await call(["nosuch"])).toMatchObject({ exitCode: 1, stderr: "-bash: help: no help topics match `nosuch'.  Try `help help' or `man -k nosuch' or `info nosuch'.\n" });
  });
});
