/**
 * More fault modules (group 2), written alongside the scenario library. Registered in
 * registry.ts by spreading EXTRA_FAULTS_2 into FAULTS.
 */
import type { FaultDef } from "./registry.js";

export const EXTRA_FAULTS_2: Record<string, FaultDef> = {};
