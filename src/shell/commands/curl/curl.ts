/**
 * curl (7.88.1): HTTP requests to simulated endpoints (host.net.endpoints[].http) and to
 * local listening sockets (nginx serves its document root and proxies `location` blocks to
 * upstreams from /etc/nginx/sites-enabled, answering 502 when the upstream is down; app
 * servers answer JSON; databases give "Empty reply from server"). Name lookup uses the glibc
 * resolver model and advances the sim clock, as do connect timeouts and slow responses.
 * Flags: -s -S -v -I -i -o -w (write-out) -m --connect-timeout -L -X -H -d -f -k -A.
 *
 * Evidence keys: "http:URL:STATUS", "http:URL:error:CODE", "dns:lookup:NAME:ok|fail".
 */
import { blockingWait } from "../common/wait.js";
import { defineCommand, type CommandContext, type CommandResult } from "../../spec/define-command.js";
import { civilFromEpochMs, pad, MONTHS, WEEKDAYS } from "../../../engine/index.js";
import { isLocalAddr, listenerFor, readConf, reach, resolveHost } from "../common/net-model.js";

const HELP = `Usage: curl [options...] <url>
 -d, --data <data>          HTTP POST data
 -f, --fail                 Fail fast with no output on HTTP errors
 -h, --help <category>      Get help for commands
 -i, --include              Include protocol response headers in the output
 -o, --output <file>        Write to file instead of stdout
 -O, --remote-name          Write output to a file named as the remote file
 -s, --silent               Silent mode
 -T, --upload-file <file>   Transfer local FILE to destination
 -u, --user <user:password> Server user and password
 -A, --user-agent <name>    Send User-Agent <name> to server
 -v, --verbose              Make the operation more talkative
 -V, --version              Show version number and quit

This is not the full help, this menu is stripped into categories.
Use "--help category" to get an overview of all categories.
For all options use the manual or "--help all".
`;

interface Resp {
  status: number;
  reason: string;
  headers: [string, string][];
  body: string;
  delayMs: number;
}

const REASONS: Record<number, string> = { 200: "OK", 201: "Created", 204: "No Content", 301: "Moved Permanently", 302: "Found", 304: "Not Modified", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Not Allowed", 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Temporarily Unavailable", 504: "Gateway Time-out" };

function httpDate(ms: number): string {
  const c = civilFromEpochMs(ms);
  return `${WEEKDAYS[c.weekday]}, ${pad(c.day)} ${MONTHS[c.month - 1]} ${c.year} ${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)} GMT`;
}

function nginxPage(status: number): string {
  const t = `${status} ${REASONS[status] ?? ""}`;
  return `<html>\r\n<head><title>${t}</title></head>\r\n<body>\r\n<center><h1>${t}</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n`;
}

const NGINX_DEFAULT = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

/** nginx's view of the config: locations proxied to upstream host:port, and the root. */
function nginxRoutes(ctx: CommandContext): { proxies: { prefix: string; target: string }[]; root?: string } {
  const proxies: { prefix: string; target: string }[] = [];
  let root: string | undefined;
  const upstreams = new Map<string, string>();
  let texts: string[] = [];
  try {
    texts = ctx.host.vfs.readdir("/etc/nginx/sites-enabled").map((n) => readConf(ctx.host, `/etc/nginx/sites-enabled/${n}`) ?? "");
  } catch {
    texts = [];
  }
  for (const t of texts) {
    for (const m of t.matchAll(/upstream\s+(\S+)\s*\{([^}]*)\}/g)) {
      const srv = /server\s+([^\s;]+)/.exec(m[2]!);
      if (srv) upstreams.set(m[1]!, srv[1]!);
    }
    for (const m of t.matchAll(/location\s+(\S+)\s*\{([^}]*)\}/g)) {
      const pp = /proxy_pass\s+https?:\/\/([^\s;/]+)/.exec(m[2]!);
      const rt = /root\s+([^\s;]+)/.exec(m[2]!);
      if (pp) proxies.push({ prefix: m[1]!, target: upstreams.get(pp[1]!) ?? pp[1]! });
      else if (rt && m[1] === "/") root = rt[1];
    }
    const r2 = /^\s*root\s+([^\s;]+)/m.exec(t);
    if (!root && r2) root = r2[1];
  }
  return { proxies: proxies.sort((a, b) => b.prefix.length - a.prefix.length), root };
}

function localResponse(ctx: CommandContext, addr: string, port: number, path: string): Resp | "refused" | "empty" {
  const l = listenerFor(ctx.host, addr, port);
  if (!l) return "refused";
  const proc = l.pid !== undefined ? ctx.host.procs.get(l.pid) : undefined;
  const ep = ctx.host.net.endpoints.find((e) => (e.addr === addr || (isLocalAddr(ctx.host, e.addr) && isLocalAddr(ctx.host, addr))) && e.port === port && e.http);
  if (ep?.http) return { status: ep.http.status, reason: REASONS[ep.http.status] ?? "", headers: Object.entries(ep.http.headers ?? {}), body: ep.http.body, delayMs: ep.http.delayMs ?? 0 };
  const comm = proc?.comm ?? "";
  const date = httpDate(ctx.host.epochMs());
  if (comm === "nginx" || comm === "apache2" || comm === "httpd") {
    const { proxies, root } = nginxRoutes(ctx);
    const px = proxies.find((p) => path.startsWith(p.prefix));
    if (px) {
      const [h, p] = px.target.split(":");
      const up = localResponse(ctx, h === "localhost" ? "127.0.0.1" : h!, Number(p ?? 80), path);
      if (up === "refused" || up === "empty") {
        const body = nginxPage(502);
        return { status: 502, reason: "Bad Gateway", headers: [["Server", "nginx/1.22.1"], ["Date", date], ["Content-Type", "text/html"], ["Content-Length", String(body.length)], ["Connection", "keep-alive"]], body, delayMs: 1 };
      }
      return { ...up, headers: [["Server", "nginx/1.22.1"], ["Date", date], ...up.headers.filter(([k]) => k !== "Server" && k !== "Date")] };
    }
    let body: string | undefined;
    const docroot = root ?? "/var/www/html";
    const file = path === "/" || path === "" ? `${docroot}/index.html` : `${docroot}${path.split("?")[0]}`;
    body = readConf(ctx.host, file);
    if (body === undefined && (path === "/" || path === "")) body = readConf(ctx.host, `${docroot}/index.nginx-debian.html`) ?? NGINX_DEFAULT;
    if (body === undefined) {
      const b = nginxPage(404);
      return { status: 404, reason: "Not Found", headers: [["Server", "nginx/1.22.1"], ["Date", date], ["Content-Type", "text/html"], ["Content-Length", String(b.length)], ["Connection", "keep-alive"]], body: b, delayMs: 0.3 };
    }
    return { status: 200, reason: "OK", headers: [["Server", "nginx/1.22.1"], ["Date", date], ["Content-Type", "text/html"], ["Content-Length", String(new TextEncoder().encode(body).length)], ["Last-Modified", httpDate(ctx.host.bootEpochMs - 86400000)], ["Connection", "keep-alive"], ["ETag", `"${(body.length * 2654435761 >>> 0).toString(16).slice(0, 8)}-${body.length.toString(16)}"`], ["Accept-Ranges", "bytes"]], body, delayMs: 0.3 };
  }
  if (["postgres", "mysqld", "mariadbd", "redis-server", "memcached", "sshd"].includes(comm)) return "empty";
  const body = `{"status": "ok"}\n`;
  return { status: 200, reason: "OK", headers: [["Server", comm === "gunicorn" ? "gunicorn" : "WSGIServer/0.2 CPython/3.11.2"], ["Date", date], ["Connection", "close"], ["Content-Type", "application/json"], ["Content-Length", String(body.length)]], body, delayMs: 4 };
}

function writeOut(fmt: string, v: Record<string, string>): string {
  return fmt
    .replace(/\\n/g, "\n")
    .replace(/\\t/g, "\t")
    .replace(/\\r/g, "\r")
    .replace(/%\{([a-z_]+)\}/g, (m, k: string) => v[k] ?? (m.startsWith("%{") ? "" : m))
    .replace(/%%/g, "%");
}

export const curlCommand = defineCommand({
  name: "curl",
  summary: "transfer a URL",
  usage: "curl [options...] <url>",
  options: [
    { name: "silent", short: "s", long: "silent" },
    { name: "showError", short: "S", long: "show-error" },
    { name: "verbose", short: "v", long: "verbose" },
    { name: "head", short: "I", long: "head" },
    { name: "include", short: "i", long: "include" },
    { name: "output", short: "o", long: "output", arg: "required" },
    { name: "remoteName", short: "O", long: "remote-name" },
    { name: "writeOut", short: "w", long: "write-out", arg: "required" },
    { name: "maxTime", short: "m", long: "max-time", arg: "required" },
    { name: "connectTimeout", long: "connect-timeout", arg: "required" },
    { name: "location", short: "L", long: "location" },
    { name: "request", short: "X", long: "request", arg: "required" },
    { name: "header", short: "H", long: "header", arg: "required", multiple: true },
    { name: "data", short: "d", long: "data", arg: "required", multiple: true, aliases: ["data-raw", "data-binary"] },
    { name: "fail", short: "f", long: "fail" },
    { name: "insecure", short: "k", long: "insecure" },
    { name: "userAgent", short: "A", long: "user-agent", arg: "required" },
    { name: "user", short: "u", long: "user", arg: "required" },
    { name: "ipv4", short: "4", long: "ipv4" },
    { name: "compressed", long: "compressed" },
    { name: "noProgress", long: "no-progress-meter" },
    { name: "retry", long: "retry", arg: "required" },
    { name: "help", short: "h", long: "help" },
    { name: "version", short: "V", long: "version" },
  ],
  helpFlag: false,
  badOption: {
    kind: "custom",
    render: (opt, long, missing) => ({
      stderr: missing ? `curl: option ${long ? "--" : "-"}${opt}: requires parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n` : `curl: option ${long ? "--" : "-"}${opt}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`,
      exitCode: 2,
    }),
  },
  help: HELP,
  async run(ctx, o, operands) {
    if (o.help) return { stdout: HELP };
    if (o.version)
      return { stdout: "curl 7.88.1 (x86_64-pc-linux-gnu) libcurl/7.88.1 OpenSSL/3.0.11 zlib/1.2.13 brotli/1.0.9 zstd/1.5.4 libidn2/2.3.3 libpsl/0.21.2 (+libidn2/2.3.3) libssh2/1.10.0 nghttp2/1.52.0 librtmp/2.3 OpenLDAP/2.5.13\nRelease-Date: 2023-02-20, security patched: 7.88.1-10+deb12u5\nProtocols: dict file ftp ftps gopher gophers http https imap imaps ldap ldaps mqtt pop3 pop3s rtmp rtmpe rtmps rtmpt rtmpte rtmpts rtsp scp sftp smb smbs smtp smtps telnet tftp\nFeatures: alt-svc AsynchDNS brotli GSS-API HSTS HTTP2 HTTPS-proxy IDN IPv6 Kerberos Largefile libz NTLM NTLM_WB PSL SPNEGO SSL threadsafe TLS-SRP UnixSockets zstd\n" };
    if (!operands.length) return { stdout: "", stderr: "curl: try 'curl --help' or 'curl --manual' for more information\n", exitCode: 2 };
    const silent = !!o.silent;
    const showErr = !silent || !!o.showError;
    const verbose = !!o.verbose;
    let stderr = "";
    let stdout = "";
    const evidence: string[] = [];
    const maxMs = o.maxTime !== undefined ? Number(o.maxTime) * 1000 : Infinity;
    const connMs = o.connectTimeout !== undefined ? Number(o.connectTimeout) * 1000 : Infinity;
    if (Number.isNaN(maxMs) || Number.isNaN(connMs)) return { stdout: "", stderr: "curl: option: expected a proper numerical parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n", exitCode: 2 };
    let exitCode = 0;
    const fail = (code: number, msg: string, url: string): CommandResult => {
      if (showErr) stderr += `curl: (${code}) ${msg}\n`;
      evidence.push(`http:${url}:error:${code}`);
      return { stdout, stderr, exitCode: code, evidence };
    };
    for (const rawUrl of operands) {
      let url = rawUrl;
      let redirects = 0;
      const t0 = ctx.host.nowMs;
      for (;;) {
        const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?(\[[^\]]+\]|[^/:?#]*)(?::(\d+))?([^#]*)/.exec(url);
        const scheme = (m?.[1] ?? "http").toLowerCase();
        const hostName = (m?.[2] ?? "").replace(/^\[|\]$/g, "");
        if (!["http", "https"].includes(scheme)) return fail(1, `Protocol "${scheme}" not supported or disabled in libcurl`, rawUrl);
        if (!hostName) return fail(3, "URL using bad/illegal format or missing URL", rawUrl);
        const port = m?.[3] ? Number(m[3]) : scheme === "https" ? 443 : 80;
        const path = m?.[4] || "/";
        // resolve
        const res = resolveHost(ctx.host, hostName);
        const budget = Math.min(maxMs, connMs);
        if (res.elapsedMs >= budget) {
          if (!(await blockingWait(ctx, budget))) return { stdout, stderr, exitCode: 130 };
          return fail(28, `Resolving timed out after ${Math.round(budget)} milliseconds`, rawUrl);
        }
        if (res.elapsedMs > 0 && !(await blockingWait(ctx, res.elapsedMs))) return { stdout, stderr, exitCode: 130 };
        if (!res.ok) {
          evidence.push(`dns:lookup:${hostName}:fail`);
          return fail(6, `Could not resolve host: ${hostName}`, rawUrl);
        }
        if (!/^[\d.]+$/.test(hostName)) evidence.push(`dns:lookup:${hostName}:ok`);
        const addr = res.addrs[0]!;
        const lookupMs = ctx.host.nowMs - t0;
        if (verbose) stderr += `*   Trying ${addr}:${port}...\n`;
        const elapsed = (): number => Math.round(ctx.host.nowMs - t0);
        let resp: Resp | "refused" | "empty";
        let rtt = 0.05;
        if (isLocalAddr(ctx.host, addr)) resp = localResponse(ctx, addr, port, path);
        else {
          const r = reach(ctx.host, addr);
          if (!r.ok) {
            if (r.why === "ENETUNREACH") {
              if (verbose) stderr += `* Immediate connect fail for ${addr}: Network is unreachable\n`;
              return fail(7, `Failed to connect to ${hostName} port ${port} after ${elapsed()} ms: Couldn't connect to server`, rawUrl);
            }
            if (r.why === "EHOSTUNREACH") {
              if (!(await blockingWait(ctx, 3070))) return { stdout, stderr, exitCode: 130 };
              if (verbose) stderr += `* connect to ${addr} port ${port} failed: No route to host\n`;
              return fail(7, `Failed to connect to ${hostName} port ${port} after ${elapsed()} ms: Couldn't connect to server`, rawUrl);
            }
            // SYNs vanish: wait for the connect timeout, the max time or the kernel's retries
            const limit = Math.min(connMs, maxMs);
            const wait = Number.isFinite(limit) ? limit - (ctx.host.nowMs - t0) + 1 : 130994;
            if (!(await blockingWait(ctx, Math.max(1, wait)))) return { stdout, stderr, exitCode: 130 };
            if (Number.isFinite(limit)) return fail(28, `Connection timed out after ${elapsed()} milliseconds`, rawUrl);
            return fail(28, `Failed to connect to ${hostName} port ${port} after ${elapsed()} ms: Timeout was reached`, rawUrl);
          }
          rtt = r.rttMs;
          const ep = r.endpoint;
          const http = ep?.http && (ep.port === undefined || ep.port === port) ? ep.http : undefined;
          if (!http) resp = "refused";
          else resp = { status: http.status, reason: REASONS[http.status] ?? "", headers: [["Date", httpDate(ctx.host.epochMs())], ["Content-Length", String(http.body.length)], ...Object.entries(http.headers ?? {})], body: http.body, delayMs: http.delayMs ?? 0 };
        }
        if (resp === "refused") {
          if (!(await blockingWait(ctx, rtt))) return { stdout, stderr, exitCode: 130 };
          if (verbose) stderr += `* connect to ${addr} port ${port} failed: Connection refused\n`;
          return fail(7, `Failed to connect to ${hostName} port ${port} after ${elapsed()} ms: Couldn't connect to server`, rawUrl);
        }
        if (verbose) stderr += `* Connected to ${hostName} (${addr}) port ${port} (#0)\n`;
        const connectMs = ctx.host.nowMs - t0 + rtt;
        if (resp === "empty") {
          if (!(await blockingWait(ctx, rtt * 2))) return { stdout, stderr, exitCode: 130 };
          return fail(52, "Empty reply from server", rawUrl);
        }
        const method = typeof o.request === "string" ? o.request : o.head ? "HEAD" : o.data ? "POST" : "GET";
        if (verbose) {
          stderr += `> ${method} ${path} HTTP/1.1\n> Host: ${hostName}${port !== 80 && port !== 443 ? `:${port}` : ""}\n> User-Agent: ${typeof o.userAgent === "string" ? o.userAgent : "curl/7.88.1"}\n> Accept: */*\n`;
          for (const h of (o.header as string[] | undefined) ?? []) stderr += `> ${h}\n`;
          stderr += `> \n`;
        }
        const total = rtt * 2 + resp.delayMs;
        if (ctx.host.nowMs - t0 + total > maxMs) {
          const left = maxMs - (ctx.host.nowMs - t0);
          if (!(await blockingWait(ctx, Math.max(1, left + 1)))) return { stdout, stderr, exitCode: 130 };
          return fail(28, `Operation timed out after ${elapsed()} milliseconds with 0 bytes received`, rawUrl);
        }
        if (!(await blockingWait(ctx, total))) return { stdout, stderr, exitCode: 130 };
        evidence.push(`http:${rawUrl}:${resp.status}`);
        const statusLine = `HTTP/1.1 ${resp.status} ${resp.reason}`;
        const headerText = [statusLine, ...resp.headers.map(([k, v]) => `${k}: ${v}`)].map((l) => `${l}\r\n`).join("") + "\r\n";
        if (verbose) stderr += headerText.split("\r\n").slice(0, -1).map((l) => `< ${l}\n`).join("");
        const loc = resp.headers.find(([k]) => k.toLowerCase() === "location")?.[1];
        if (o.location && loc && resp.status >= 300 && resp.status < 400 && redirects < 50) {
          redirects++;
          if (o.include || o.head) stdout += headerText;
          url = /^[a-z]+:\/\//i.test(loc) ? loc : `${scheme}://${hostName}${port !== 80 && port !== 443 ? `:${port}` : ""}${loc.startsWith("/") ? loc : "/" + loc}`;
          continue;
        }
        if (o.fail && resp.status >= 400) {
          exitCode = 22;
          if (showErr) stderr += `curl: (22) The requested URL returned error: ${resp.status}\n`;
          break;
        }
        let out = "";
        if (o.head) out = headerText;
        else out = (o.include ? headerText : "") + resp.body;
        if (verbose && !o.head) stderr += `* Connection #0 to host ${hostName} left intact\n`;
        if (typeof o.output === "string" && o.output !== "-") {
          const w = await ctx.exec(`cat > ${shq(o.output)}`, { stdin: out });
          if (w.exitCode !== 0) {
            if (showErr) stderr += `curl: (23) Failure writing output to destination\n`;
            exitCode = 23;
            break;
          }
        } else stdout += out;
        if (!silent && !verbose && (typeof o.output === "string" || !ctx.isTty) && !o.noProgress) stderr += progressMeter(out.length, ctx.host.nowMs - t0);
        if (typeof o.writeOut === "string") {
          const tt = (ctx.host.nowMs - t0) / 1000;
          stdout += writeOut(o.writeOut, {
            http_code: String(resp.status),
            response_code: String(resp.status),
            time_total: tt.toFixed(6),
            time_namelookup: (lookupMs / 1000).toFixed(6),
            time_connect: (connectMs / 1000).toFixed(6),
            time_appconnect: scheme === "https" ? ((connectMs + rtt) / 1000).toFixed(6) : "0.000000",
            time_pretransfer: (connectMs / 1000).toFixed(6),
            time_starttransfer: ((ctx.host.nowMs - t0 - 0.05) / 1000).toFixed(6),
            size_download: String(o.head ? 0 : resp.body.length),
            size_header: String(headerText.length),
            speed_download: String(Math.round((o.head ? 0 : resp.body.length) / Math.max(tt, 0.000001))),
            remote_ip: addr,
            remote_port: String(port),
            local_ip: isLocalAddr(ctx.host, addr) ? addr : (ctx.host.net.interfaces[1]?.addrs[0]?.addr ?? "10.0.2.15"),
            url_effective: url,
            content_type: resp.headers.find(([k]) => k.toLowerCase() === "content-type")?.[1] ?? "",
            num_redirects: String(redirects),
            redirect_url: loc ?? "",
            scheme: scheme.toUpperCase(),
            http_version: "1.1",
            method,
            exitcode: "0",
            errormsg: "",
          });
        }
        break;
      }
    }
    return { stdout, stderr, exitCode, evidence };
  },
});

function progressMeter(bytes: number, ms: number): string {
  const sz = (n: number): string => {
    if (n < 100000) return String(n).padStart(5);
    if (n < 1024 * 10000) return `${Math.round(n / 1024)}k`.padStart(5);
    return `${Math.round(n / 1048576)}M`.padStart(5);
  };
  const speed = ms > 0 ? Math.round((bytes * 1000) / ms) : bytes;
  return (
    "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n" +
    "                                 Dload  Upload   Total   Spent    Left  Speed\n" +
    `\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0\r100 ${sz(bytes)}  100 ${sz(bytes)}    0     0 ${sz(speed)}      0 --:--:-- --:--:-- --:--:-- ${sz(speed)}\n`
  );
}

function shq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
