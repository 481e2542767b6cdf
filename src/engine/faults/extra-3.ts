/**
 * More fault modules (group 3), written alongside the scenario library. Registered in
 * registry.ts by spreading EXTRA_FAULTS_3 into FAULTS.
 */
import type { FaultDef } from "./fault-def.js";

export const EXTRA_FAULTS_3: Record<string, FaultDef> = {};
