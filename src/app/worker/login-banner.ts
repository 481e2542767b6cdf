/**
 * What sshd and the Debian motd print before the first prompt. Same text as the CLI's
 * src/cli/banner.ts (the app may not import the CLI); both should move into src/shell so they
 * cannot drift. Deterministic: the previous login is a fixed 21h 43m 38s before this one.
 */
import { ctime, type Host } from "../../engine/index.js";

const PREVIOUS_LOGIN_BEFORE_MS = (21 * 3600 + 43 * 60 + 38) * 1000;

export function loginBanner(host: Host): string {
  const login = host.logins[0];
  const loginEpoch = host.bootEpochMs + (login?.loginMs ?? host.nowMs);
  return [
    `Linux ${host.hostname} ${host.kernelRelease} ${host.kernelVersion} x86_64`,
    "",
    "The programs included with the Debian GNU/Linux system are free software;",
    "the exact distribution terms for each program are described in the",
    "individual files in /usr/share/doc/*/copyright.",
    "",
    "Debian GNU/Linux comes with ABSOLUTELY NO WARRANTY, to the extent",
    "permitted by applicable law.",
    `Last login: ${ctime(loginEpoch - PREVIOUS_LOGIN_BEFORE_MS)} from ${login?.from ?? "10.0.2.31"}`,
    "",
  ].join("\n");
}

export function logoutText(host: Host): string {
  return `logout\nConnection to ${host.hostname} closed.\n`;
}
