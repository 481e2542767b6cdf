/**
 * Writing through /proc/PID/fd/N: opening that magic link reopens the very file the process
 * holds, even one that was deleted, so `cp /dev/null /proc/PID/fd/N` or
 * `tee /proc/PID/fd/N < /dev/null` empty a deleted-but-open log as `: >` and truncate do.
 * The written bytes themselves are not modelled, only the size they leave.
 */
import { VfsError } from "../../../../engine/index.js";
import type { CommandContext } from "../../../spec/define-command.js";

/** The process and fd a /proc/PID/fd/N path names, or undefined for any other path. */
export function procFdOf(ctx: CommandContext, path: string): { pid: number; fd: number } | undefined {
  const m = /^\/proc\/(\d+|self)\/fd\/(\d+)$/.exec(path);
  if (!m) return undefined;
  return { pid: m[1] === "self" ? ctx.pid : Number(m[1]), fd: Number(m[2]) };
}

/**
 * Writes `bytes` bytes through a /proc/PID/fd/N path (truncating first unless appending).
 * Returns false when the path is not such a link; throws VfsError as open(2) would fail.
 */
export function writeThroughProcFd(ctx: CommandContext, path: string, bytes: number, append: boolean): boolean {
  const target = procFdOf(ctx, path);
  if (!target) return false;
  const fd = ctx.host.procs.get(target.pid)?.fds.find((f) => f.fd === target.fd);
  if (!fd) throw new VfsError("ENOENT", path);
  if (fd.path.startsWith("socket:") || fd.path.startsWith("pipe:") || fd.path.startsWith("anon_inode:")) throw new VfsError("EINVAL", path);
  const size = append ? (fd.sizeBytes ?? 0) + bytes : bytes;
  if (!ctx.act.truncateFd(target.pid, target.fd, size)) throw new VfsError("EACCES", path);
  return true;
}
