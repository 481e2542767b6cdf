/**
 * More fault modules (group 4), written alongside the scenario library. Registered in
 * registry.ts by spreading EXTRA_FAULTS_4 into FAULTS.
 */
import type { FaultDef } from "./fault-def.js";

export const EXTRA_FAULTS_4: Record<string, FaultDef> = {};
