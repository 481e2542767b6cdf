/**
 * The kernel's OOM and hung-task reports (src/engine/host/kernel-reports.ts), checked against
 * the reconstructed Debian 6.1 dmesg captures line by line: a host whose memory a leak
 * exhausts writes the whole global OOM report and kills the biggest task; a service over its
 * MemoryMax= gets the memcg variant; khungtaskd reports NFS-blocked tasks with the 6.1
 * "task:%-15.15s state:D stack:%-5lu pid:%-5d ppid:%-6d flags:0x%08lx" line.
 */
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { buildTestHost } from "../../testing/host-builder.js";
import type { Host, Proc } from "../index.js";
import { indentContinuation, renderHungTaskReport } from "../host/kernel-reports.js";

const REF = "/work/shared/reference/linux-output";
function refLines(name: string): string[] {
  const p = `${REF}/${name}`;
  if (!existsSync(p)) return [];
  return readFileSync(p, "utf8").split("\n").filter((l) => l && !l.startsWith("# "));
}

/** The records as util-linux dmesg prints them: "[seconds] text", continuation lines indented. */
function asDmesg(h: Host, from: number): string[] {
  return h.kmsg.slice(from).flatMap((k) => {
    const ts = `[${(k.simMs / 1000).toFixed(6).padStart(12)}] `;
    return (ts + indentContinuation(k.text, ts.length)).split("\n");
  });
}

/** A line's shape: timestamps, numbers and hex values abstracted. */
const shape = (l: string): string =>
  l.replace(/^\[ *\d+\.\d+\] /, "").replace(/0x[0-9a-f]+/gi, "H").replace(/\b[0-9a-f]{8,16}\b/g, "H").replace(/-?\d+/g, "N").replace(/ +/g, " ");
const isRow = (l: string): boolean => /^\[ *\d+\.\d+\] \[ *\d+\]/.test(l);
const isBuddy = (l: string): boolean => /Node 0 (DMA|DMA32|Normal): /.test(l);

function leakHost(): Host {
  return buildTestHost((spec) => {
    spec.swapKiB = 0;
    spec.processes = [{ comm: "python3", argv: ["/usr/bin/python3", "/opt/app/indexer.py", "1536"], user: "app", rssKiB: 300000, vszKiB: 500000, shrKiB: 2236, rssGrowKiBps: 60000, cgroup: "/system.slice/app-indexer.service" }];
  });
}

function tickUntil(h: Host, from: number, text: string, maxS = 240): void {
  for (let i = 0; i < maxS && !h.kmsg.slice(from).some((k) => k.text.includes(text)); i++) h.tick(1000);
}

describe("global OOM", () => {
  const host = leakHost();
  const leaker = [...host.procs.values()].find((p) => p.comm === "python3" && p.rssGrowKiBps > 0)!;
  const pid = leaker.pid;
  const from = host.kmsg.length;
  tickUntil(host, from, "Out of memory: Killed process");
  const lines = asDmesg(host, from);
  const captured = host.kmsg.slice(from).map((k) => k.text);

  it("kills the biggest task and logs the whole report", () => {
    expect(host.procs.has(pid)).toBe(false);
    expect(host.mem.oomKills).toBe(1);
    expect(captured[0]).toBe("python3 invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0");
    expect(captured).toContain(`oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/system.slice/app-indexer.service,task=python3,pid=${pid},uid=1001`);
    expect(captured.find((l) => l.startsWith("Out of memory: Killed process"))).toMatch(new RegExp(`^Out of memory: Killed process ${pid} \\(python3\\) total-vm:\\d+kB, anon-rss:\\d+kB, file-rss:2236kB, shmem-rss:0kB, UID:1001 pgtables:\\d+kB oom_score_adj:0$`));
    expect(captured.at(-1)).toBe(`oom_reaper: reaped process ${pid} (python3), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB`);
    expect(captured[1]).toBe(`CPU: ${leaker.cpu} PID: ${pid} Comm: python3 Not tainted 6.1.0-18-amd64 #1  Debian 6.1.76-1`);
    expect(captured.every((l) => !/undefined|NaN|\[object/.test(l))).toBe(true);
  });

  it("has the reference's lines in the reference's order (numbers aside)", () => {
    const ref = refLines("oom_killer_dmesg.reconstructed.txt");
    if (!ref.length) return;
    const keep = (ls: string[]): string[] => ls.filter((l) => !isRow(l) && !isBuddy(l)).map(shape);
    expect(keep(lines)).toEqual(keep(ref));
    expect(lines.filter(isBuddy)).toHaveLength(3);
    for (const l of lines.filter(isBuddy)) expect(l).toMatch(/: (\d+\*\d+kB (\((UME|UM|M)\) )?){11}= \d+kB$/);
  });

  it("the task table lists every user task (not init, not kthreads) with the reference's widths", () => {
    const rows = lines.filter(isRow).map((l) => l.replace(/^\[ *\d+\.\d+\] /, ""));
    const users = [...host.procs.values()].filter((p) => !p.kthread && p.pid !== 1 && p.state !== "Z").length;
    expect(rows).toHaveLength(users + 1); // + the victim, gone now
    const header = lines.find((l) => l.includes("[  pid  ]"))!.replace(/^\[ *\d+\.\d+\] /, "");
    const refRow = refLines("oom_killer_dmesg.reconstructed.txt").find((l) => l.includes("[    289]"))?.replace(/^\[ *\d+\.\d+\] /, "");
    expect(header).toBe("[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name");
    const journald = rows.find((r) => r.endsWith(" systemd-journal"))!;
    if (refRow) expect(journald.indexOf("-250")).toBe(refRow.indexOf("-250"));
    const victim = rows.find((r) => r.startsWith(`[${String(pid).padStart(7)}]`))!;
    const biggest = Math.max(...rows.map((r) => Number(r.split(/\s+/)[4])));
    expect(Number(victim.split(/\s+/)[4])).toBe(biggest);
  });

  it("Mem-Info continuation lines sit in column 17 under dmesg", () => {
    const i = lines.findIndex((l) => l.endsWith("Mem-Info:"));
    expect(lines[i + 2]).toMatch(/^ {17}active_file:\d+ inactive_file:\d+ isolated_file:0$/);
    expect(lines[i + 8]).toMatch(/^ {17}free:\d+ free_pcp:\d+ free_cma:0$/);
  });
});

describe("memcg OOM", () => {
  it("a service over MemoryMax= gets the memory cgroup report", () => {
    const host = buildTestHost((spec) => {
      spec.services = [...(spec.services ?? []), { name: "worker", description: "Queue worker", memoryMaxKiB: 524288, restart: "always", template: { comm: "python3", argv: ["/usr/bin/python3", "/opt/app/worker.py"], user: "app", rssKiB: 480000, vszKiB: 700000, shrKiB: 9000, rssGrowKiBps: 8000 } }];
    });
    const from = host.kmsg.length;
    tickUntil(host, from, "Memory cgroup out of memory");
    const t = host.kmsg.slice(from).map((k) => k.text);
    expect(t[0]).toBe("python3 invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0");
    expect(t).toContain(" mem_cgroup_out_of_memory+0x134/0x150");
    expect(t.find((l) => l.startsWith("memory: usage"))).toBe("memory: usage 524288kB, limit 524288kB, failcnt " + /failcnt (\d+)/.exec(t.find((l) => l.startsWith("memory: usage"))!)![1]);
    expect(t).toContain("Memory cgroup stats for /system.slice/worker.service:");
    expect(t.find((l) => l.startsWith("anon "))).toMatch(/^anon \d+\nfile \d+\nkernel \d+\n/);
    expect(t.filter((l) => /^\[ *\d+\]/.test(l))).toHaveLength(1);
    expect(t).not.toContain("Mem-Info:");
    expect(t.find((l) => l.startsWith("oom-kill:"))).toMatch(/^oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=\(null\),cpuset=\/,mems_allowed=0,oom_memcg=\/system\.slice\/worker\.service,task_memcg=\/system\.slice\/worker\.service,task=python3,pid=\d+,uid=1001$/);
    expect(t.find((l) => l.includes("Killed process"))).toMatch(/^Memory cgroup out of memory: Killed process \d+ \(python3\) total-vm:\d+kB, anon-rss:\d+kB, file-rss:9000kB, shmem-rss:0kB, UID:1001 pgtables:\d+kB oom_score_adj:0$/);
  });
});

describe("hung task report", () => {
  const host = buildTestHost();
  const base = [...host.procs.values()].find((p) => p.comm === "gunicorn")!;
  it("matches the reference's user-task block for an fsync-blocked python3", () => {
    const ref = refLines("hung_task_dmesg.reconstructed.txt").map((l) => l.replace(/^\[ *\d+\.\d+\] /, ""));
    if (!ref.length) return;
    const p: Proc = { ...base, pid: 1217, ppid: 1211, comm: "python3", state: "D", wchan: "jbd2_log_wait_commit", stack: undefined, kthread: false };
    const out = renderHungTaskReport(host, p, 120);
    const start = ref.indexOf("INFO: task python3:1217 blocked for more than 120 seconds.");
    const want = ref.slice(start).filter((l) => !l.startsWith(" ? "));
    expect(out.slice(0, 4)).toEqual(want.slice(0, 4));
    expect(out.map(shape)).toEqual(want.map(shape));
    expect(out.find((l) => l.startsWith("RSP:"))).toMatch(/ORIG_RAX: 000000000000004a$/);
  });
  it("matches the reference's kernel-thread block for jbd2", () => {
    const ref = refLines("hung_task_dmesg.reconstructed.txt").map((l) => l.replace(/^\[ *\d+\.\d+\] /, ""));
    if (!ref.length) return;
    const end = ref.indexOf("INFO: task python3:1217 blocked for more than 120 seconds.");
    const want = ref.slice(0, end).filter((l) => !l.startsWith(" ? "));
    const stack = want.slice(want.indexOf(" <TASK>") + 3, want.indexOf(" </TASK>")).map((l) => l.trim());
    const p: Proc = { ...base, pid: 221, ppid: 2, comm: "jbd2/vda1-8", state: "D", kthread: true, stack };
    expect(renderHungTaskReport(host, p, 120)).toEqual(want);
  });
  it("khungtaskd reports NFS-blocked tasks once, after hung_task_timeout_secs", () => {
    const h = buildTestHost((spec) => {
      spec.mounts.push({ source: "nfs01:/export/shared", target: "/mnt/shared", fstype: "nfs4", sizeKiB: 1048576000, usedKiB: 400000000 });
      spec.faults = [{ type: "hung-nfs", params: { mount: "/mnt/shared", tasks: 2, sinceS: 600 } }];
    });
    const from = h.kmsg.length;
    h.tick(2000);
    const t = h.kmsg.slice(from).map((k) => k.text);
    const infos = t.filter((l) => l.startsWith("INFO: task rsync:"));
    expect(infos).toHaveLength(2);
    expect(infos[0]).toMatch(/^INFO: task rsync:\d+ blocked for more than 120 seconds\.$/);
    expect(t).toContain("      Not tainted 6.1.0-18-amd64 #1");
    expect(t.find((l) => l.startsWith("task:rsync"))).toMatch(/^task:rsync {11}state:D stack:0 {5}pid:\d+ {1,4}ppid:1 {6}flags:0x00000002$/);
    expect(t).toContain(" rpc_wait_bit_killable+0x1e/0xa0 [sunrpc]");
    expect(t.find((l) => l.startsWith("RSP:"))).toMatch(/ORIG_RAX: 0000000000000106$/);
    h.tick(130000);
    expect(h.kmsg.slice(from).filter((k) => k.text.startsWith("INFO: task rsync:"))).toHaveLength(2);
  });
});
