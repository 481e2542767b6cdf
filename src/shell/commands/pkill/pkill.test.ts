import { describe, expect, it } from "vitest";
import { rootSession, run, sh } from "../../../testing/host-builder.js";

describe("pkill", () => {
  it("-SIGKILL form and --signal", async () => {
    const s = rootSession();
    expect((await run(s, "pkill -SIGKILL -f checkpointer")).exitCode).toBe(0);
    expect(await sh(s, "pgrep -f checkpointer; echo $?")).toBe("1\n");
    expect((await run(s, "pkill --signal HUP -x nginx")).exitCode).toBe(0);
    expect(await sh(s, "pgrep -c -x nginx")).toBe("3\n");
  });
  it("-e echoes what it killed", async () => {
    await expect(await sh(rootSession(), "pkill -e -f 'postgres: 15/main'")).toMatchFileSnapshot("__golden__/pkill_e.txt");
  });
  it("-c counts", async () => {
    expect(await sh(rootSession(), "pkill -0 -c postgres")).toBe("5\n");
  });
});
