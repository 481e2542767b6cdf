/**
 * Typed engine events: every state change the host makes emits one. Each kind declares its
 * semantics: "graded" events feed the grader, "recorded" ones go in session logs only,
 * "ephemeral" ones are for live UI.
 */

export type EngineEvent =
  | { type: "process-spawned"; simMs: number; pid: number; comm: string; ppid: number }
  | { type: "process-exited"; simMs: number; pid: number; comm: string; signal?: number; status?: number; by?: string }
  | { type: "signal-sent"; simMs: number; pid: number; comm: string; signal: number; by: number; effect: "delivered" | "ignored" | "pending" | "reload" }
  | { type: "oom-killed"; simMs: number; pid: number; comm: string; rssKiB: number; memcg?: string }
  | { type: "service-started"; simMs: number; unit: string; pid: number }
  | { type: "service-stopped"; simMs: number; unit: string }
  | { type: "service-failed"; simMs: number; unit: string; result: string }
  | { type: "service-reloaded"; simMs: number; unit: string }
  | { type: "file-deleted"; simMs: number; path: string; bytes: number; heldOpen: boolean }
  | { type: "file-written"; simMs: number; path: string }
  | { type: "file-truncated"; simMs: number; path: string; bytes: number }
  | { type: "dir-entries-deleted"; simMs: number; path: string; count: number }
  | { type: "mount-detached"; simMs: number; target: string; lazy: boolean }
  | { type: "sysctl-changed"; simMs: number; key: string; value: string }
  | { type: "route-changed"; simMs: number; dest: string; action: "add" | "del" }
  | { type: "swap-changed"; simMs: number; action: "off"; killed: number }
  | { type: "disk-full"; simMs: number; mount: string; what: "blocks" | "inodes" }
  | { type: "host-rebooted"; simMs: number }
  | { type: "fault-cleared"; simMs: number; fault: string };

export type EngineEventType = EngineEvent["type"];

/** Semantics of each event kind (see STYLE: every kind of state change declares its semantics). */
export const EVENT_SEMANTICS: Record<EngineEventType, "graded" | "recorded" | "ephemeral"> = {
  "process-spawned": "recorded",
  "process-exited": "graded",
  "signal-sent": "graded",
  "oom-killed": "graded",
  "service-started": "graded",
  "service-stopped": "graded",
  "service-failed": "graded",
  "service-reloaded": "graded",
  "file-deleted": "graded",
  "file-written": "recorded",
  "file-truncated": "graded",
  "dir-entries-deleted": "graded",
  "mount-detached": "graded",
  "sysctl-changed": "graded",
  "route-changed": "graded",
  "swap-changed": "graded",
  "disk-full": "recorded",
  "host-rebooted": "graded",
  "fault-cleared": "graded",
};
