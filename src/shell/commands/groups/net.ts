/**
 * The net command group: each command in its own folder under commands/, listed here.
 * Shared logic: commands/common/net-model.ts (routing, reachability, resolvers) and
 * commands/common/net-sockets.ts (socket holders, service names), common/wait.ts.
 *
 * Evidence keys revealed by this group:
 *   net:listen, net:conns, net:sock-procs, net:port:N, net:summary (ss / netstat)
 *   net:routes, net:route-get:ADDR, net:route-added:DEST, net:route-deleted:DEST,
 *   net:addrs, net:links, net:link-stats, net:ifaces, net:neigh, net:tcp-stats (ip / netstat)
 *   net:ping:TARGET:ok|loss|unreachable (ping)
 *   http:URL:STATUS, http:URL:error:CODE (curl)
 *   dns:lookup:NAME:ok|fail (glibc resolver: ping, curl, getent)
 *   dns:query:NAME:noerror|nxdomain|servfail|refused|timeout, dns:server:ADDR:timeout (dig, host, nslookup)
 *   users:passwd, users:group (getent)
 */
import type { Command } from "../../spec/define-command.js";
import { ssCommand } from "../ss/ss.js";
import { netstatCommand } from "../netstat/netstat.js";
import { ipCommand } from "../ip/ip.js";
import { pingCommand } from "../ping/ping.js";
import { curlCommand } from "../curl/curl.js";
import { digCommand } from "../dig/dig.js";
import { hostCommand } from "../host/host.js";
import { nslookupCommand } from "../nslookup/nslookup.js";
import { getentCommand } from "../getent/getent.js";

export const NET_COMMANDS: Command[] = [ssCommand, netstatCommand, ipCommand, pingCommand, curlCommand, digCommand, hostCommand, nslookupCommand, getentCommand];
