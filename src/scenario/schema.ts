/**
 * The scenario file format, version 1, defined once with TypeBox: the same object is the JSON
 * Schema (written to schema/scenario.schema.json for editors and validated with ajv) and the
 * TypeScript type (Static<>), so the two cannot drift; a test checks the committed JSON file is
 * the generated one. Every property carries a description: the docs and editor hovers use it.
 */
import { Type, type Static } from "@sinclair/typebox";

const D = (description: string): { description: string } => ({ description });

/** "30s", "2m", "1h", "500ms" or a number of seconds */
export const Duration = Type.Union([Type.String({ pattern: "^\\d+(\\.\\d+)?(ms|s|m|h|d)$", ...D("a duration: 500ms, 30s, 2m, 1h, 3d") }), Type.Number({ minimum: 0, ...D("seconds") })]);

const Str = (d: string, extra: Record<string, unknown> = {}) => Type.String({ ...D(d), ...extra });
const Num = (d: string, extra: Record<string, unknown> = {}) => Type.Number({ ...D(d), ...extra });
const Int = (d: string, extra: Record<string, unknown> = {}) => Type.Integer({ ...D(d), ...extra });
/** a number, or a "{{variable}}" reference to a randomized value */
const NumOrVar = (d: string, extra: Record<string, unknown> = {}) => Type.Union([Type.Number({ ...D(d), ...extra }), Type.String({ pattern: "^\\{\\{\\s*[A-Za-z_][A-Za-z0-9_]*\\s*\\}\\}$", ...D(`${d} (or a {{variable}})`) })]);

const Fd = Type.Object(
  {
    fd: Int("file descriptor number", { minimum: 0, maximum: 1048576 }),
    path: Str("target path or socket:[inode]", { maxLength: 4096 }),
    mode: Type.Optional(Type.Union([Type.Literal("r"), Type.Literal("w"), Type.Literal("u")], D("lsof mode letter"))),
    deleted: Type.Optional(Type.Boolean(D("the file was unlinked while open"))),
    sizeBytes: Type.Optional(NumOrVar("bytes the open file holds", { minimum: 0 })),
    growBps: Type.Optional(NumOrVar("bytes per second the process appends", { minimum: 0 })),
  },
  { additionalProperties: false, ...D("an open file descriptor") },
);

const Syscall = Type.Object(
  { call: Str("syscall text without result, e.g. epoll_wait(4, [], 512, 1000)", { maxLength: 500 }), ret: Str("result text", { maxLength: 200 }), durS: Type.Optional(Num("seconds spent", { minimum: 0 })), weight: Type.Optional(Num("relative frequency", { minimum: 0 })) },
  { additionalProperties: false },
);

const ProcessCommon = {
  comm: Str("command name (at most 15 characters are kept, as the kernel does)", { minLength: 1, maxLength: 64 }),
  argv: Type.Optional(Type.Array(Type.String({ maxLength: 4096 }), { maxItems: 256, ...D("command line (argv)") })),
  user: Type.Optional(Str("owner (a user defined on the host)")),
  threads: Type.Optional(Int("number of threads", { minimum: 1, maximum: 100000 })),
  cpuDemand: Type.Optional(NumOrVar("CPUs it wants: 1 = one full CPU", { minimum: 0, maximum: 1024 })),
  sysFrac: Type.Optional(Num("share of CPU time in the kernel", { minimum: 0, maximum: 1 })),
  rssMiB: Type.Optional(NumOrVar("resident memory in MiB", { minimum: 0, maximum: 4194304 })),
  vszMiB: Type.Optional(NumOrVar("virtual size in MiB", { minimum: 0, maximum: 4194304 })),
  leakMiBPerMin: Type.Optional(NumOrVar("anonymous memory growth in MiB per minute (a leak)", { minimum: 0, maximum: 1048576 })),
  growToMiB: Type.Optional(NumOrVar("growth stops at this RSS (a warming cache rather than a leak)", { minimum: 0 })),
  nofile: Type.Optional(Int("RLIMIT_NOFILE soft limit", { minimum: 1, maximum: 1048576 })),
  oomScoreAdj: Type.Optional(Int("oom_score_adj", { minimum: -1000, maximum: 1000 })),
  readMBps: Type.Optional(NumOrVar("read demand, MB/s", { minimum: 0 })),
  writeMBps: Type.Optional(NumOrVar("write demand, MB/s", { minimum: 0 })),
  ioDevice: Type.Optional(Str("block device its I/O goes to")),
  syncWrites: Type.Optional(Type.Boolean(D("fsync after every write"))),
  wchan: Type.Optional(Str("kernel function it sleeps in")),
  onTerm: Type.Optional(Type.Union([Type.Literal("exit"), Type.Literal("ignore"), Type.Literal("graceful")], D("what SIGTERM does"))),
  onHup: Type.Optional(Type.Union([Type.Literal("exit"), Type.Literal("ignore"), Type.Literal("reload")], D("what SIGHUP does (reload reopens log files)"))),
  syscalls: Type.Optional(Type.Array(Syscall, { maxItems: 64, ...D("what strace -p shows") })),
  fds: Type.Optional(Type.Array(Fd, { maxItems: 4096, ...D("open files") })),
  listen: Type.Optional(Type.Array(Type.Object({ port: Int("TCP port", { minimum: 1, maximum: 65535 }), addr: Type.Optional(Str("bind address")) }, { additionalProperties: false }), { maxItems: 32, ...D("listening TCP ports") })),
};

const ChildProcess = Type.Object({ ...ProcessCommon }, { additionalProperties: false, ...D("a child process started with its parent") });

export const ProcessDef = Type.Object(
  {
    ...ProcessCommon,
    state: Type.Optional(Type.Union(["R", "S", "D", "Z", "T"].map((s) => Type.Literal(s)), D("initial state"))),
    startedAgo: Type.Optional(Duration),
    nice: Type.Optional(Int("nice value", { minimum: -20, maximum: 19 })),
    tty: Type.Optional(Str("controlling terminal, e.g. pts/1")),
    ppidComm: Type.Optional(Str("start it as a child of the first process with this comm")),
    children: Type.Optional(Type.Array(ChildProcess, { maxItems: 256 })),
    count: Type.Optional(Int("start this many identical processes", { minimum: 1, maximum: 5000 })),
  },
  { additionalProperties: false, ...D("a process running when the scenario starts") },
);

export const ServiceDef = Type.Object(
  {
    name: Str("unit name without .service", { pattern: "^[A-Za-z0-9@._-]+$", maxLength: 64 }),
    description: Str("Description= of the unit", { maxLength: 200 }),
    restart: Type.Optional(Type.Union(["no", "always", "on-failure", "on-abnormal"].map((s) => Type.Literal(s)), D("Restart= policy"))),
    restartSec: Type.Optional(Num("RestartSec=", { minimum: 0, maximum: 3600 })),
    memoryMaxMiB: Type.Optional(NumOrVar("MemoryMax= (cgroup limit)", { minimum: 1 })),
    state: Type.Optional(Type.Union(["active", "inactive", "failed"].map((s) => Type.Literal(s)), D("state at start"))),
    enabled: Type.Optional(Type.Boolean()),
    startedAgo: Type.Optional(Duration),
    restarts: Type.Optional(Int("restart counter so far", { minimum: 0 })),
    unitText: Type.Optional(Str("the unit file text (generated when absent)", { maxLength: 20000 })),
    process: Type.Object({ ...ProcessCommon, children: Type.Optional(Type.Array(ChildProcess, { maxItems: 256 })) }, { additionalProperties: false, ...D("the main process") }),
    journal: Type.Optional(Type.Array(Type.Object({ ago: Duration, message: Str("journal message", { maxLength: 4000 }), priority: Type.Optional(Int("syslog priority 0-7", { minimum: 0, maximum: 7 })) }, { additionalProperties: false }), { maxItems: 2000, ...D("journal lines already logged") })),
  },
  { additionalProperties: false, ...D("a systemd service") },
);

export const FileDef = Type.Object(
  {
    path: Str("absolute path", { pattern: "^/", maxLength: 4096 }),
    content: Type.Optional(Str("file content", { maxLength: 8 * 1024 * 1024 })),
    lines: Type.Optional(Type.Object({ template: Str("line template with {{variables}} and {i}, {ip}, {time}, {status}, {path} fields", { maxLength: 2000 }), count: Int("lines to generate", { minimum: 1, maximum: 200000 }) }, { additionalProperties: false, ...D("generate many log lines from a template") })),
    sizeMiB: Type.Optional(NumOrVar("logical size in MiB when larger than the content", { minimum: 0 })),
    mode: Type.Optional(Str("octal mode, e.g. \"0644\"", { pattern: "^0?[0-7]{3,4}$" })),
    owner: Type.Optional(Str("owner user")),
    group: Type.Optional(Str("owner group")),
    modifiedAgo: Type.Optional(Duration),
    symlink: Type.Optional(Str("make it a symlink to this target")),
    dir: Type.Optional(Type.Boolean(D("make it a directory"))),
  },
  { additionalProperties: false, ...D("a file, directory or symlink on the host") },
);

export const MountDef = Type.Object(
  {
    source: Str("device or server:/export"),
    target: Str("mountpoint", { pattern: "^/" }),
    fstype: Str("ext4, xfs, nfs4, tmpfs, ..."),
    options: Type.Optional(Str("mount options")),
    device: Type.Optional(Str("block device name backing it")),
    sizeGiB: NumOrVar("size in GiB", { exclusiveMinimum: 0, maximum: 1048576 }),
    usedGiB: Type.Optional(NumOrVar("space used by files not modelled individually", { minimum: 0 })),
    inodes: Type.Optional(NumOrVar("inode total", { minimum: 0 })),
    inodesUsed: Type.Optional(NumOrVar("inodes used by files not modelled individually", { minimum: 0 })),
  },
  { additionalProperties: false },
);

export const DiskDef = Type.Object(
  {
    name: Str("device name, e.g. vdb", { pattern: "^[a-z][a-z0-9]*$" }),
    sizeGiB: Num("size in GiB", { exclusiveMinimum: 0 }),
    rotational: Type.Optional(Type.Boolean()),
    maxIops: Type.Optional(Num("IOPS capacity", { exclusiveMinimum: 0 })),
    maxMBps: Type.Optional(Num("throughput capacity, MB/s", { exclusiveMinimum: 0 })),
    partitions: Type.Optional(Type.Array(Type.Object({ name: Str("partition name"), sizeGiB: Num("size"), mountpoint: Type.Optional(Str("where it is mounted")) }, { additionalProperties: false }), { maxItems: 16 })),
  },
  { additionalProperties: false },
);

export const SyntheticDirDef = Type.Object(
  {
    path: Str("directory path", { pattern: "^/" }),
    count: NumOrVar("number of files in it", { minimum: 0, maximum: 20000000 }),
    pattern: Str("file name pattern: {hex} = 26 random characters, {i} = index", { maxLength: 200 }),
    sizeBytes: NumOrVar("size of each file", { minimum: 0 }),
    owner: Type.Optional(Str("owner")),
    group: Type.Optional(Str("group")),
    oldest: Type.Optional(Duration),
    newest: Type.Optional(Duration),
  },
  { additionalProperties: false, ...D("a directory of many small files that are not materialised") },
);

export const HostDef = Type.Object(
  {
    profile: Type.Optional(Type.Union([Type.Literal("web-server"), Type.Literal("minimal")], D("base machine: web-server (nginx, an API, PostgreSQL) or minimal"))),
    hostname: Type.Optional(Str("host name", { pattern: "^([a-z0-9][a-z0-9-]{0,62}|\\{\\{\\s*[A-Za-z_][A-Za-z0-9_]*\\s*\\}\\})$" })),
    cpus: Type.Optional(Int("CPU count", { minimum: 1, maximum: 256 })),
    memoryMiB: Type.Optional(NumOrVar("RAM in MiB", { minimum: 256, maximum: 4194304 })),
    swapMiB: Type.Optional(NumOrVar("swap in MiB", { minimum: 0 })),
    uptime: Type.Optional(Duration),
    warmup: Type.Optional(Type.Union([Type.String({ pattern: "^\\d+(\\.\\d+)?(ms|s|m|h|d)$" }), Type.Number({ minimum: 0, maximum: 86400 })], D("simulated time the incident runs before the candidate logs in (max 24h)"))),
    user: Type.Optional(Str("the candidate's login user (default sre, in sudo)")),
    users: Type.Optional(Type.Array(Type.Object({ name: Str("user name", { pattern: "^[a-z_][a-z0-9_-]*$" }), uid: Int("uid", { minimum: 0, maximum: 65533 }), groups: Type.Optional(Type.Array(Type.String())) }, { additionalProperties: false }), { maxItems: 100 })),
    disks: Type.Optional(Type.Array(DiskDef, { maxItems: 16, ...D("extra block devices") })),
    mounts: Type.Optional(Type.Array(MountDef, { maxItems: 64, ...D("extra mounts") })),
    processes: Type.Optional(Type.Array(ProcessDef, { maxItems: 5000 })),
    services: Type.Optional(Type.Array(ServiceDef, { maxItems: 100 })),
    removeServices: Type.Optional(Type.Array(Type.String(), { maxItems: 20, ...D("services of the profile to leave out") })),
    files: Type.Optional(Type.Array(FileDef, { maxItems: 5000 })),
    syntheticDirs: Type.Optional(Type.Array(SyntheticDirDef, { maxItems: 32 })),
    kernelLog: Type.Optional(Type.Array(Type.Object({ ago: Duration, level: Type.Optional(Int("0-7", { minimum: 0, maximum: 7 })), text: Str("message", { maxLength: 4000 }) }, { additionalProperties: false }), { maxItems: 5000 })),
    sysctl: Type.Optional(Type.Record(Type.String(), Type.String(), D("sysctl overrides"))),
    crontab: Type.Optional(Type.Record(Type.String(), Type.String(), D("user -> crontab text"))),
    network: Type.Optional(
      Type.Object(
        {
          ip: Type.Optional(Str("eth0 address")),
          prefix: Type.Optional(Int("prefix length", { minimum: 0, maximum: 32 })),
          gateway: Type.Optional(Type.Union([Type.String(), Type.Null()], D("default gateway, or null for none"))),
          nameservers: Type.Optional(Type.Array(Type.String(), { maxItems: 8 })),
          search: Type.Optional(Type.Array(Type.String(), { maxItems: 8 })),
          resolvOptions: Type.Optional(Type.Array(Type.String(), { maxItems: 8 })),
          endpoints: Type.Optional(Type.Array(Type.Object({
            host: Str("name or address"),
            addr: Str("address"),
            rttMs: Type.Optional(Num("round-trip time", { minimum: 0 })),
            external: Type.Optional(Type.Boolean(D("only reachable through the default route"))),
            dns: Type.Optional(Type.Union(["ok", "timeout", "refused", "servfail"].map((s) => Type.Literal(s)), D("behaviour as a DNS server"))),
            http: Type.Optional(Type.Object({ status: Int("HTTP status", { minimum: 100, maximum: 599 }), body: Type.Optional(Type.String()), delayMs: Type.Optional(Num("response delay")) }, { additionalProperties: false })),
            noPing: Type.Optional(Type.Boolean()),
          }, { additionalProperties: false }), { maxItems: 100 })),
          dns: Type.Optional(Type.Record(Type.String(), Type.Array(Type.String()), D("name -> addresses"))),
          sockets: Type.Optional(Type.Array(Type.Object({ state: Str("ESTAB, TIME-WAIT, CLOSE-WAIT, ..."), local: Str("addr:port"), peer: Str("addr:port"), comm: Type.Optional(Str("owner process comm")), count: Type.Optional(NumOrVar("how many", { minimum: 1, maximum: 100000 })), recvQ: Type.Optional(Int("Recv-Q")), sendQ: Type.Optional(Int("Send-Q")) }, { additionalProperties: false }), { maxItems: 200 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false, ...D("the machine: a profile plus overrides") },
);

export const FaultDef = Type.Object(
  { type: Str("fault module name (see docs/scenario-format.md#faults)"), params: Type.Optional(Type.Record(Type.String(), Type.Unknown(), D("the fault's parameters"))) },
  { additionalProperties: false },
);

export const TimelineEvent = Type.Object(
  {
    at: Duration,
    fault: Type.Optional(FaultDef),
    kernelLog: Type.Optional(Type.Object({ text: Str("kernel message"), level: Type.Optional(Int("level", { minimum: 0, maximum: 7 })) }, { additionalProperties: false })),
    journal: Type.Optional(Type.Object({ unit: Str("unit"), message: Str("message"), priority: Type.Optional(Int("priority", { minimum: 0, maximum: 7 })) }, { additionalProperties: false })),
    appendLog: Type.Optional(Type.Object({ path: Str("log file"), line: Str("line to append") }, { additionalProperties: false })),
  },
  { additionalProperties: false, ...D("something that happens at a time after the start") },
);

/** Matches what a candidate saw. */
export const EvidencePattern = Type.Object(
  {
    output: Type.Optional(Str("regular expression matched against the output the command displayed", { maxLength: 500 })),
    flags: Type.Optional(Str("regex flags for output/command: i, m", { pattern: "^[im]*$" })),
    evidence: Type.Optional(Str("an evidence key the command's output revealed, e.g. kmsg:oom-kill (a trailing * matches a prefix)", { maxLength: 200 })),
    command: Type.Optional(Str("regular expression matched against the command line typed", { maxLength: 500 })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const EvidenceItem = Type.Object(
  {
    id: Str("identifier", { pattern: "^[a-z0-9][a-z0-9-]*$" }),
    title: Str("what the candidate should have seen (shown in the report)", { maxLength: 200 }),
    points: Num("points credited", { minimum: 0, maximum: 100 }),
    key: Type.Optional(Type.Boolean(D("a key signal: time to the first key signal is reported"))),
    anyOf: Type.Array(EvidencePattern, { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);

const Predicate = Type.Recursive((Self) =>
  Type.Object(
    {
      all: Type.Optional(Type.Array(Self, { maxItems: 50, ...D("every predicate holds") })),
      any: Type.Optional(Type.Array(Self, { maxItems: 50, ...D("at least one holds") })),
      not: Type.Optional(Self),
      processRunning: Type.Optional(Type.Object({ comm: Type.Optional(Type.String()), args: Type.Optional(Str("regex over the command line")), user: Type.Optional(Type.String()) }, { additionalProperties: false, ...D("a live (non-zombie) process matches") })),
      processNotRunning: Type.Optional(Type.Object({ comm: Type.Optional(Type.String()), args: Type.Optional(Type.String()), user: Type.Optional(Type.String()) }, { additionalProperties: false, ...D("no live process matches") })),
      serviceActive: Type.Optional(Str("unit name without .service: it is active and running")),
      serviceState: Type.Optional(Type.Object({ unit: Type.String(), state: Type.Union(["active", "inactive", "failed", "activating"].map((s) => Type.Literal(s))) }, { additionalProperties: false })),
      serviceRestartsAtMost: Type.Optional(Type.Object({ unit: Type.String(), restarts: Type.Integer({ minimum: 0 }) }, { additionalProperties: false, ...D("the unit restarted at most N times during the session") })),
      fileExists: Type.Optional(Str("path exists")),
      fileMissing: Type.Optional(Str("path does not exist")),
      fileContains: Type.Optional(Type.Object({ path: Type.String(), pattern: Str("regex") }, { additionalProperties: false })),
      fileNotContains: Type.Optional(Type.Object({ path: Type.String(), pattern: Str("regex") }, { additionalProperties: false })),
      diskUsageBelow: Type.Optional(Type.Object({ mount: Type.String(), pct: Type.Number({ minimum: 0, maximum: 100 }), inodes: Type.Optional(Type.Boolean(D("inode usage instead of blocks"))) }, { additionalProperties: false })),
      dirEntriesAtLeast: Type.Optional(Type.Object({ path: Type.String(), count: Type.Integer({ minimum: 0 }) }, { additionalProperties: false, ...D("the directory still holds at least N entries") })),
      dirEntriesAtMost: Type.Optional(Type.Object({ path: Type.String(), count: Type.Integer({ minimum: 0 }) }, { additionalProperties: false })),
      blockedTasksAtMost: Type.Optional(Type.Integer({ minimum: 0, ...D("tasks in D state") })),
      memAvailableAbovePct: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
      noOomKillFor: Type.Optional(Duration),
      heldDeletedBelowMiB: Type.Optional(Type.Object({ mount: Type.String(), mib: Type.Number({ minimum: 0 }) }, { additionalProperties: false, ...D("space held by deleted-but-open files") })),
      mountPresent: Type.Optional(Str("the mountpoint is mounted (not detached)")),
      mountAbsentOrHealthy: Type.Optional(Str("the mountpoint is unmounted, or mounted and answering")),
      routeExists: Type.Optional(Str("a route with this destination (e.g. default)")),
      portListening: Type.Optional(Type.Object({ port: Type.Integer({ minimum: 1, maximum: 65535 }), comm: Type.Optional(Type.String()) }, { additionalProperties: false })),
      sysctl: Type.Optional(Type.Object({ key: Type.String(), equals: Type.String() }, { additionalProperties: false })),
      fdCountBelow: Type.Optional(Type.Object({ comm: Type.String(), count: Type.Integer({ minimum: 0 }) }, { additionalProperties: false })),
      zombiesAtMost: Type.Optional(Type.Integer({ minimum: 0 })),
      cpuBusyBelowPct: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    },
    { additionalProperties: false, minProperties: 1, ...D("a condition over the final host") },
  ),
  { $id: "Predicate" },
);
const PredicateRef = Type.Ref(Predicate);
export { Predicate };

export const Step = Type.Object(
  {
    run: Type.Optional(Str("a shell command line typed by the candidate", { maxLength: 10000 })),
    say: Type.Optional(Str("narration shown as a caption during replay", { maxLength: 2000 })),
    wait: Type.Optional(Duration),
    note: Type.Optional(Str("an observation logged in the notes panel", { maxLength: 2000 })),
    hypothesis: Type.Optional(Str("a hypothesis logged before acting", { maxLength: 2000 })),
    hint: Type.Optional(Type.Union([Type.Boolean(), Type.String()], D("reveal the next hint (or the hint with this id)"))),
    diagnose: Type.Optional(Type.Object({ category: Str("root-cause category"), text: Str("root cause in the candidate's words", { maxLength: 4000 }) }, { additionalProperties: false })),
    milestone: Type.Optional(Type.Union(["evidence", "hypothesis", "fix", "verify"].map((s) => Type.Literal(s)), D("marks a diagnostic milestone for replay markers"))),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const Path = Type.Object(
  {
    id: Str("identifier", { pattern: "^[a-z0-9][a-z0-9-]*$" }),
    title: Str("what this path is"),
    steps: Type.Array(Step, { minItems: 1, maxItems: 500 }),
    expect: Type.Optional(Type.Object({ minScore: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })), maxScore: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })), resolved: Type.Optional(Type.Boolean()) }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);

export const RandomVar = Type.Object(
  {
    int: Type.Optional(Type.Tuple([Type.Integer(), Type.Integer()], D("an integer in [min, max]"))),
    float: Type.Optional(Type.Tuple([Type.Number(), Type.Number()], D("a number in [min, max], 2 decimals"))),
    pick: Type.Optional(Type.Array(Type.Union([Type.String(), Type.Number()]), { minItems: 1, maxItems: 1000, ...D("one of these values") })),
    hex: Type.Optional(Type.Integer({ minimum: 1, maximum: 64, ...D("N random hex digits") })),
  },
  { additionalProperties: false, minProperties: 1, maxProperties: 1 },
);

export const ScenarioSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    format: Type.Literal(1, D("scenario format version")),
    id: Str("stable identifier (kebab-case); tooling refers to scenarios by it", { pattern: "^[a-z0-9][a-z0-9-]{1,63}$" }),
    title: Str("title shown in the catalog", { minLength: 3, maxLength: 120 }),
    summary: Type.Optional(Str("one-line teaser for the catalog", { maxLength: 300 })),
    difficulty: Type.Union(["easy", "medium", "hard"].map((s) => Type.Literal(s)), D("difficulty")),
    tags: Type.Array(Type.String({ pattern: "^[a-z0-9:-]+$" }), { maxItems: 30, ...D("topics, and USE-method resources as use:cpu, use:memory, use:disk, use:network, use:fd, use:tasks") }),
    estimatedMinutes: Int("typical time to solve", { minimum: 1, maximum: 240 }),
    author: Type.Optional(Str("author")),
    seed: Type.Optional(Int("default seed", { minimum: 0 })),
    briefing: Str("the ticket the candidate receives (Markdown, rendered safely: no raw HTML)", { minLength: 10, maxLength: 20000 }),
    randomize: Type.Optional(Type.Record(Type.String({ pattern: "^[A-Za-z_][A-Za-z0-9_]*$" }), RandomVar, D("seeded variation of incidental details; use as {{name}} anywhere"))),
    host: HostDef,
    faults: Type.Optional(Type.Array(FaultDef, { maxItems: 50 })),
    timeline: Type.Optional(Type.Array(TimelineEvent, { maxItems: 500 })),
    rubric: Type.Object(
      {
        evidence: Type.Array(EvidenceItem, { minItems: 1, maxItems: 50, ...D("what a good investigation sees") }),
        redHerrings: Type.Optional(Type.Array(Type.Object({ id: Str("identifier"), title: Str("the distraction"), anyOf: Type.Array(EvidencePattern, { minItems: 1 }), penalty: Type.Optional(Num("points deducted when chased", { minimum: 0, maximum: 50 })), chasedWhen: Type.Optional(Type.Union([Type.Literal("acted"), Type.Literal("seen")], D("acted (default): the candidate acted on it (matched a command); seen: merely looking counts"))) }, { additionalProperties: false }), { maxItems: 20 })),
        destructive: Type.Optional(Type.Array(Type.Object({ id: Str("identifier"), command: Str("regex over command lines"), title: Str("what it is"), reason: Str("why it is wrong, shown to the candidate"), penalty: Num("points deducted", { minimum: 0, maximum: 100 }) }, { additionalProperties: false }), { maxItems: 30, ...D("scenario-specific harmful actions (common ones like reboot are built in)") })),
        fixCommands: Type.Optional(Type.Array(Str("regex of command lines that change the host (for structure: fix before evidence)"), { maxItems: 30 })),
      },
      { additionalProperties: false },
    ),
    hints: Type.Optional(Type.Array(Type.Object({ id: Str("identifier"), text: Str("the hint (nudge, don't give commands away)", { maxLength: 1000 }), cost: Num("points it costs", { minimum: 0, maximum: 50 }), unlockAfter: Type.Optional(Duration) }, { additionalProperties: false }), { maxItems: 10 })),
    diagnosis: Type.Object(
      {
        category: Str("the correct root-cause category"),
        categories: Type.Optional(Type.Array(Type.String(), { maxItems: 20, ...D("choices offered (defaults to the standard list)") })),
        accepted: Type.Array(Type.Object({ all: Type.Array(Str("regex (case-insensitive) that must match the text"), { minItems: 1, maxItems: 10 }) }, { additionalProperties: false }), { minItems: 1, maxItems: 20, ...D("any entry whose regexes all match accepts the diagnosis") }),
        explanation: Str("the real root cause, shown in the report", { maxLength: 4000 }),
      },
      { additionalProperties: false },
    ),
    resolution: Type.Object(
      {
        fixed: PredicateRef,
        invariants: Type.Optional(Type.Array(Type.Object({ id: Str("identifier"), title: Str("what must stay true"), check: PredicateRef }, { additionalProperties: false }), { maxItems: 30 })),
        holdFor: Type.Optional(Duration),
      },
      { additionalProperties: false },
    ),
    walkthrough: Type.Object(
      {
        passMark: Type.Optional(Num("minimum score the walkthrough must reach (default 80)", { minimum: 0, maximum: 100 })),
        steps: Type.Array(Step, { minItems: 1, maxItems: 500 }),
      },
      { additionalProperties: false, ...D("the reference solution") },
    ),
    variants: Type.Optional(Type.Array(Path, { maxItems: 10, ...D("other valid solutions (must pass too)") })),
    antiPaths: Type.Array(Path, { minItems: 2, maxItems: 10, ...D("bad sessions that must score below their ceiling (a flailing one and a destructive one at least)") }),
  },
  { additionalProperties: false, $id: "https://faultline.dev/schema/scenario.schema.json", title: "Faultline scenario", $defs: { Predicate } },
);

export type ScenarioFile = Static<typeof ScenarioSchema>;
export type ProcessDefT = Static<typeof ProcessDef>;
export type ServiceDefT = Static<typeof ServiceDef>;
export type StepT = Static<typeof Step>;
export type PathT = Static<typeof Path>;
export type EvidencePatternT = Static<typeof EvidencePattern>;
export type EvidenceItemT = Static<typeof EvidenceItem>;
export type HostDefT = Static<typeof HostDef>;
export type PredicateT = Static<typeof Predicate>;

/** Standard root-cause categories offered in the diagnosis form. */
export const STANDARD_CATEGORIES = [
  "cpu-saturation",
  "memory-leak",
  "memory-pressure",
  "oom-kill",
  "disk-full",
  "inode-exhaustion",
  "deleted-open-file",
  "io-saturation",
  "stuck-io",
  "fd-exhaustion",
  "process-exhaustion",
  "network-routing",
  "dns",
  "connection-pool",
  "port-conflict",
  "configuration",
  "log-analysis",
  "other",
] as const;
