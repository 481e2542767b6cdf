/**
 * Parameter readers and small host lookups shared by the fault modules: a scenario's fault
 * parameters arrive as loose YAML values (numbers may be strings after {{variable}}
 * substitution), and a bad one is an authoring error (FaultParamError) reported before any
 * host is built. extra-3.ts uses these; the older groups still carry local copies.
 */
import type { Host } from "../host/host.js";
import type { Proc, Service } from "../host/types.js";
import { FaultParamError } from "./fault-def.js";

export type Params = Record<string, unknown>;

export function str(p: Params, k: string, d?: string): string {
  const v = p[k];
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  if (d !== undefined) return d;
  throw new FaultParamError(`parameter "${k}" must be a string`);
}

export function num(p: Params, k: string, d?: number): number {
  const v = p[k];
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  if (d !== undefined) return d;
  throw new FaultParamError(`parameter "${k}" must be a number`);
}

/** An optional regex parameter (multiline). */
export function optRegex(p: Params, k: string): RegExp | undefined {
  if (p[k] === undefined) return undefined;
  try {
    return new RegExp(str(p, k), "m");
  } catch {
    throw new FaultParamError(`parameter "${k}" is not a valid regular expression`);
  }
}

/** A parameter holding several lines separated by \n (empty lines dropped). */
export function lineList(p: Params, k: string, d: string): string[] {
  return str(p, k, d).split("\n").filter((l) => l !== "");
}

export function unitOf(host: Host, name: string): Service {
  const svc = host.services.get(name.endsWith(".service") ? name : `${name}.service`);
  if (!svc) throw new FaultParamError(`service "${name}" is not defined`);
  return svc;
}

export function live(p: Proc | undefined): p is Proc {
  return !!p && p.state !== "Z";
}

export function readText(host: Host, path: string): string | undefined {
  try {
    return host.vfs.readFile(path);
  } catch {
    return undefined;
  }
}
