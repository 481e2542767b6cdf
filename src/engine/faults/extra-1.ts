/**
 * More fault modules (group 1), written alongside the scenario library. Registered in
 * registry.ts by spreading EXTRA_FAULTS_1 into FAULTS.
 */
import type { FaultDef } from "./fault-def.js";

export const EXTRA_FAULTS_1: Record<string, FaultDef> = {};
