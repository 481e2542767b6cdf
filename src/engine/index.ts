/**
 * The engine's public API: build a host from a spec, advance it, read it, act on it.
 * Other modules import only from here.
 */
import "./host/kernel-reports.js";

/** The engine's version (the package version), recorded in session logs; a test keeps them equal. */
export const ENGINE_VERSION = "0.1.0";
export { Host, SIGNALS, SIGNAL_NAMES, USER_HZ, PAGE_KIB } from "./host/host.js";
export type { FaultRuntime, HostInit } from "./host/host.js";
export { buildHost, addService } from "./host/build-host.js";
export type * from "./host/types.js";
export type * from "./host/spec.js";
export type { EngineEvent, EngineEventType } from "./events.js";
export { EVENT_SEMANTICS } from "./events.js";
export { Vfs, VfsError, ERRNO, ROOT, normalizePath, allocKiB } from "./vfs/vfs.js";
export type { Cred, VStat, DynamicDir, DynNode, Errno } from "./vfs/vfs.js";
export { attachProcfs } from "./procfs/procfs.js";
export type { ProcfsContext } from "./procfs/procfs.js";
export { syntheticDirsOf } from "./vfs/synthetic-dir.js";
export type { SyntheticDir } from "./vfs/synthetic-dir.js";
export { FAULTS, applyFault, faultNames, FaultParamError } from "./faults/registry.js";
export { createRng, hashSeed } from "./time/rng.js";
export type { Rng } from "./time/rng.js";
export * from "./time/calendar.js";
export { formatTimespan } from "./time/timespan.js";
export { formatLoad, loadToFloat, FIXED_1 } from "./host/loadavg.js";
export { demoHostSpec } from "./demo-host.js";
export { indentContinuation } from "./host/kernel-reports.js";
export { memBreakdown } from "./procfs/memory.js";
export type { MemBreakdown } from "./procfs/memory.js";
export { stackOf } from "./procfs/kernel-stacks.js";
export { pgidOf, sidOf, tpgidOf, foregroundByTty, ttyNr, cgroupPathOf, loginOf, groupsOf, openFdsOf, inheritsListenersOf } from "./procfs/proc-ids.js";
