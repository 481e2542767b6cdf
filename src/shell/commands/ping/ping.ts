/**
 * ping (iputils 20221126): resolves through the glibc resolver model (search list,
 * timeouts: the lookup delay advances the sim clock), then sends one probe per interval
 * (each advancing the sim clock), streaming replies on a tty; -c -i -W -w -q -n -4 -s.
 * Reachability follows net-model's rule (connected subnet, or a default route whose gateway
 * answers); no route gives "connect: Network is unreachable", an unanswered neighbour gives
 * "Destination Host Unreachable", a silent path or noPing endpoint gives 100% loss. Jitter
 * comes from host.rng. Without -c it runs until interrupted and prints the statistics.
 *
 * Evidence keys: "net:ping:TARGET:ok" / ":loss" / ":unreachable", "dns:lookup:NAME:ok|fail".
 */
import { blockingWait } from "../common/wait.js";
import { defineCommand } from "../../spec/define-command.js";
import { isIPv4, primaryIp, reach, resolveHost, dnsReverse } from "../common/net-model.js";

const USAGE = `
Usage
  ping [options] <destination>

Options:
  <destination>      dns name or ip address
  -a                 use audible ping
  -A                 use adaptive ping
  -B                 sticky source address
  -c <count>         stop after <count> replies
  -D                 print timestamps
  -d                 use SO_DEBUG socket option
  -f                 flood ping
  -h                 print help and exit
  -I <interface>     either interface name or address
  -i <interval>      seconds between sending each packet
  -L                 suppress loopback of multicast packets
  -l <preload>       send <preload> number of packages while waiting replies
  -m <mark>          tag the packets going out
  -M <pmtud opt>     define mtu discovery, can be one of <do|dont|want>
  -n                 no dns name resolution
  -O                 report outstanding replies
  -p <pattern>       contents of padding byte
  -q                 quiet output
  -Q <tclass>        use quality of service <tclass> bits
  -s <size>          use <size> as number of data bytes to be sent
  -S <size>          use <size> as SO_SNDBUF socket option value
  -t <ttl>           define time to live
  -U                 print user-to-user latency
  -v                 verbose output
  -V                 print version and exit
  -w <deadline>      reply wait <deadline> in seconds
  -W <timeout>       time to wait for response

IPv4 options:
  -4                 use IPv4
  -b                 allow pinging broadcast
  -R                 record route
  -T <timestamp>     define timestamp, can be one of <tsonly|tsandaddr|tsprespec>

IPv6 options:
  -6                 use IPv6
  -F <flowlabel>     define flow label, default is random
  -N <nodeinfo opt>  use icmp6 node info query, try <help> as argument

For more details see ping(8).
`;

/** iputils' time formatting: 3 decimals under 1 ms, 2 under 10, 1 under 100, else none. */
export function fmtMs(ms: number): string {
  if (ms >= 100) return String(Math.floor(ms));
  if (ms >= 10) return ms.toFixed(1);
  if (ms >= 1) return ms.toFixed(2);
  return ms.toFixed(3);
}

function num(v: unknown, name: string): number | string {
  const n = Number(v);
  if (!Number.isFinite(n) || String(v).trim() === "") return `ping: invalid argument: '${String(v)}'`;
  void name;
  return n;
}

export const pingCommand = defineCommand({
  name: "ping",
  summary: "send ICMP ECHO_REQUEST to network hosts",
  usage: "ping [options] <destination>",
  options: [
    { name: "count", short: "c", arg: "required" },
    { name: "interval", short: "i", arg: "required" },
    { name: "timeout", short: "W", arg: "required" },
    { name: "deadline", short: "w", arg: "required" },
    { name: "quiet", short: "q" },
    { name: "numeric", short: "n" },
    { name: "size", short: "s", arg: "required" },
    { name: "ttl", short: "t", arg: "required" },
    { name: "iface", short: "I", arg: "required" },
    { name: "v4", short: "4" },
    { name: "v6", short: "6" },
    { name: "audible", short: "a" },
    { name: "adaptive", short: "A" },
    { name: "timestamps", short: "D" },
    { name: "verbose", short: "v" },
    { name: "outstanding", short: "O" },
    { name: "flood", short: "f" },
    { name: "help", short: "h" },
    { name: "version", short: "V" },
  ],
  helpFlag: false,
  badOption: { kind: "custom", render: (opt, _long, missing) => ({ stderr: `${missing ? `ping: option requires an argument -- '${opt}'` : `ping: invalid option -- '${opt}'`}\n${USAGE}`, exitCode: 2 }) },
  help: USAGE,
  async run(ctx, o, operands) {
    if (o.help) return { stdout: USAGE, exitCode: 2 };
    if (o.version) return { stdout: "ping from iputils 20221126\nlibcap: yes, IDN: yes, NLS: no, error.h: yes, getrandom(): yes, __fpending(): yes\n" };
    const target = operands[operands.length - 1];
    if (!target) return { stdout: "", stderr: `ping: usage error: Destination address required\n`, exitCode: 1 };
    let count = Infinity;
    if (o.count !== undefined) {
      const n = num(o.count, "c");
      if (typeof n === "string" || n <= 0) return { stdout: "", stderr: `ping: invalid argument: '${String(o.count)}': out of range: 1 <= value <= 9223372036854775807\n`, exitCode: 1 };
      count = Math.floor(n);
    }
    let intervalMs = 1000;
    if (o.interval !== undefined) {
      const n = num(o.interval, "i");
      if (typeof n === "string") return { stdout: "", stderr: `ping: option argument contains garbage: ${String(o.interval)}\nping: this will become fatal error in the future\nping: bad timing interval: ${String(o.interval)}\n`, exitCode: 2 };
      if (n < 0.002 && ctx.cred.uid !== 0) return { stdout: "", stderr: `ping: cannot flood; minimal interval allowed for user is 2ms\n`, exitCode: 2 };
      intervalMs = Math.round(n * 1000);
    }
    let waitMs = 10000;
    if (o.timeout !== undefined) {
      const n = num(o.timeout, "W");
      if (typeof n === "string") return { stdout: "", stderr: `ping: bad linger time: ${String(o.timeout)}\n`, exitCode: 2 };
      waitMs = n * 1000;
    }
    let deadlineMs = Infinity;
    if (o.deadline !== undefined) {
      const n = num(o.deadline, "w");
      if (typeof n === "string") return { stdout: "", stderr: `ping: bad wait time: ${String(o.deadline)}\n`, exitCode: 2 };
      deadlineMs = n * 1000;
    }
    const size = o.size !== undefined ? Math.max(0, Math.floor(Number(o.size)) || 0) : 56;
    const quiet = !!o.quiet;
    let stdout = "";
    const emit = (s: string): void => {
      if (!ctx.write(s)) stdout += s;
    };

    // resolve
    const isNum = isIPv4(target);
    const res = resolveHost(ctx.host, target);
    if (res.elapsedMs > 0 && !(await blockingWait(ctx, res.elapsedMs))) return { stdout: "", exitCode: 130 };
    if (!res.ok) {
      const msg = res.error === "AGAIN" ? "Temporary failure in name resolution" : "Name or service not known";
      return { stdout: "", stderr: `ping: ${target}: ${msg}\n`, exitCode: 2, evidence: [`dns:lookup:${target}:fail`] };
    }
    const evidence: string[] = isNum ? [] : [`dns:lookup:${target}:ok`];
    const addr = res.addrs[0]!;
    const r = reach(ctx.host, addr);
    if (!r.ok && r.why === "ENETUNREACH") return { stdout: "", stderr: "ping: connect: Network is unreachable\n", exitCode: 2, evidence: [...evidence, `net:ping:${target}:unreachable`] };
    const shownName = isNum ? target : res.canon;
    emit(`PING ${shownName} (${addr}) ${size}(${size + 28}) bytes of data.\n`);
    const from = (): string => {
      if (isNum || o.numeric) return addr;
      const rev = r.ok && r.local && addr.startsWith("127.") ? "localhost" : (dnsReverse(ctx.host, addr) ?? addr);
      return `${rev} (${addr})`;
    };
    const ttl = r.ok ? (r.local || !r.endpoint?.external ? 64 : 57) : 64;
    const answers = r.ok && !(r.endpoint?.noPing ?? false);
    const hostUnreach = !r.ok && r.why === "EHOSTUNREACH";
    const rtts: number[] = [];
    let sent = 0;
    let errors = 0;
    const start = ctx.host.nowMs;
    let interrupted = false;
    let lastSendMs = start;
    while (sent < count) {
      if (ctx.host.nowMs - start >= deadlineMs) break;
      sent++;
      lastSendMs = ctx.host.nowMs;
      if (answers) {
        const base = r.ok ? r.rttMs : 0;
        const rtt = Math.max(0.01, base * (1 + (ctx.host.rng.next() - 0.5) * 0.12) + (r.ok && r.local ? 0 : 0.05 * ctx.host.rng.next()));
        rtts.push(rtt);
        if (!quiet) emit(`${size + 8} bytes from ${from()}: icmp_seq=${sent} ttl=${ttl}${size >= 8 ? ` time=${fmtMs(rtt)} ms` : ""}\n`);
      } else if (hostUnreach) {
        errors++;
        if (!quiet && sent % 3 === 0) {
          for (let k = sent - 2; k <= sent; k++) emit(`From ${primaryIp(ctx.host)} icmp_seq=${k} Destination Host Unreachable\n`);
        }
      }
      if (sent >= count) break;
      if (!(count === Infinity ? await ctx.sleep(intervalMs) : await blockingWait(ctx, intervalMs))) {
        interrupted = true;
        break;
      }
    }
    // linger for outstanding replies when nothing came back
    if (!interrupted && !answers && count !== Infinity && !hostUnreach) {
      const left = Math.min(waitMs, deadlineMs - (ctx.host.nowMs - start));
      if (left > 0 && !(await blockingWait(ctx, left))) interrupted = true;
    }
    const received = rtts.length;
    const elapsed = Math.max(0, Math.round(lastSendMs - start + (received ? 0 : 0)));
    const loss = sent ? Math.round(((sent - received) / sent) * 100) : 0;
    const timeMs = sent > 1 ? elapsed + Math.floor(ctx.host.rng.next() * 3) + 1 : 0;
    let stats = `\n--- ${shownName} ping statistics ---\n${sent} packets transmitted, ${received} received, ${errors ? `+${errors} errors, ` : ""}${loss}% packet loss, time ${timeMs}ms\n`;
    if (received) {
      const min = Math.min(...rtts);
      const max = Math.max(...rtts);
      const avg = rtts.reduce((a, b) => a + b, 0) / received;
      const mdev = Math.sqrt(rtts.reduce((a, b) => a + b * b, 0) / received - avg * avg) || 0;
      stats += `rtt min/avg/max/mdev = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)}/${mdev.toFixed(3)} ms\n`;
    }
    if (interrupted && ctx.isTty) stats = `^C${stats}`;
    emit(stats);
    evidence.push(`net:ping:${target}:${received === sent && sent ? "ok" : hostUnreach ? "unreachable" : "loss"}`);
    return { stdout, exitCode: received ? 0 : 1, evidence };
  },
});

