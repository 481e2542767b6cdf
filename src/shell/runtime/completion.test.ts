/**
 * Tab completion on the demo host: command names in command position, paths elsewhere
 * (relative to cwd, ~, directories marked, hidden files only on request, cd -> dirs only),
 * driven through the line editor exactly as a terminal would.
 */
import { describe, expect, it } from "vitest";
import { buildTestHost, testSession } from "../../testing/host-builder.js";
import { completeLine } from "./completion.js";
import { LineEditor } from "./line-editor.js";

function setup() {
  const session = testSession(buildTestHost());
  const complete = (line: string, cursor = line.length) => completeLine(session, line, cursor);
  return { session, complete };
}

function typeInto(keys: string[]) {
  const { session } = setup();
  const ed = new LineEditor({ prompt: () => session.prompt(), complete: (l, c) => completeLine(session, l, c) });
  let out = ed.start().map((e) => (e.type === "output" ? e.data : "")).join("");
  for (const k of keys) out += ed.feed(k).map((e) => (e.type === "output" ? e.data : "")).join("");
  return { ed, out };
}

describe("completeLine", () => {
  it("completes command names in command position", () => {
    const { complete } = setup();
    const r = complete("upti")!;
    expect(r.candidates).toEqual(["uptime"]);
    expect([r.start, r.end]).toEqual([0, 4]);
    expect(complete("ls | gre")!.candidates).toContain("grep");
    expect(complete("sudo systemc")!.candidates.every((c) => c.startsWith("systemc"))).toBe(true);
  });

  it("completes later words as paths relative to cwd, with / on directories", () => {
    const { complete, session } = setup();
    const r = complete("cat /etc/ngi")!;
    expect(r.candidates).toEqual(["/etc/nginx/"]);
    expect(r.start).toBe(4);
    const logs = complete("ls /var/log/ngi")!;
    expect(logs.candidates).toEqual(["/var/log/nginx/"]);
    const files = complete("tail /var/log/nginx/")!;
    expect(files.display).toEqual(["access.log", "error.log"]);
    expect(files.candidates).toEqual(["/var/log/nginx/access.log", "/var/log/nginx/error.log"]);
    session.cwd = "/var/log/nginx";
    expect(complete("less acc")!.candidates).toEqual(["access.log"]);
  });

  it("expands ~ and keeps it in the completion", () => {
    const { complete, session } = setup();
    session.host.vfs.writeFile("/home/sre/notes.txt", "x\n");
    expect(complete("cat ~/no")!.candidates).toEqual(["~/notes.txt"]);
  });

  it("hides dot files unless asked, and cd only offers directories", () => {
    const { complete, session } = setup();
    session.host.vfs.writeFile("/tmp/.hidden", "");
    session.host.vfs.writeFile("/tmp/file1", "");
    session.host.vfs.mkdir("/tmp/dir1");
    expect(complete("ls /tmp/")!.display).not.toContain(".hidden");
    expect(complete("ls /tmp/.h")!.display).toEqual([".hidden"]);
    expect(complete("cd /tmp/")!.display).toEqual(["dir1/"]);
  });

  it("escapes special characters and reports nothing for a missing directory", () => {
    const { complete, session } = setup();
    session.host.vfs.writeFile("/tmp/my file", "");
    expect(complete("cat /tmp/my")!.candidates).toEqual(["/tmp/my\\ file"]);
    expect(complete("cat /nonexistent/x")).toBeUndefined();
  });
});

describe("through the line editor", () => {
  it("a unique path completes fully; a directory keeps the cursor after /", () => {
    const { ed } = typeInto(["cat /etc/nginx/nginx.c", "\t"]);
    expect(ed.line).toBe("cat /etc/nginx/nginx.conf ");
    const d = typeInto(["ls /etc/ngin", "\t"]);
    expect(d.ed.line).toBe("ls /etc/nginx/");
  });

  it("the second Tab lists candidates in columns under the prompt", () => {
    const { ed, out } = typeInto(["ls /var/log/nginx/", "\t", "\t"]);
    expect(ed.line).toBe("ls /var/log/nginx/");
    expect(out).toContain("\r\naccess.log  error.log\r\nsre@web-01:~$ ls /var/log/nginx/");
  });
});
