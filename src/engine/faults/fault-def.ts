/**
 * The shape of a fault module and its parameter error, in a file of their own so the fault
 * groups (registry.ts, extra-*.ts) can share them without an import cycle.
 */
import type { FaultRuntime, Host } from "../host/host.js";

type Params = Record<string, unknown>;

export class FaultParamError extends Error {
  override readonly name = "FaultParamError";
}

export interface FaultDef {
  /** one-line description for docs and validation messages */
  summary: string;
  /** parameter names and their meaning */
  params: Record<string, string>;
  apply(host: Host, p: Params): FaultRuntime;
}

