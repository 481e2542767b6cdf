/**
 * The kernel's load average (kernel/sched/loadavg.c): fixed-point exponential decay of
 * nr_running + nr_uninterruptible, sampled every LOAD_FREQ (5 s). D-state tasks count, which
 * is why a hung NFS mount drives load up while the CPUs sit idle.
 */

export const FSHIFT = 11;
export const FIXED_1 = 1 << FSHIFT;
/** 1/exp(5sec/1min), 1/exp(5sec/5min), 1/exp(5sec/15min) in fixed point */
export const EXP = [1884, 2014, 2037] as const;
export const LOAD_FREQ_MS = 5000;

/** calc_load(): one decay step with the kernel's rounding. */
export function calcLoad(load: number, exp: number, active: number): number {
  let newload = load * exp + active * (FIXED_1 - exp);
  if (active >= load) newload += FIXED_1 - 1;
  return Math.floor(newload / FIXED_1);
}

/** Advances the three averages by one LOAD_FREQ sample of `nrActive` tasks. */
export function stepLoad(avenrun: [number, number, number], nrActive: number): [number, number, number] {
  const active = nrActive * FIXED_1;
  return [calcLoad(avenrun[0], EXP[0], active), calcLoad(avenrun[1], EXP[1], active), calcLoad(avenrun[2], EXP[2], active)];
}

/** "3.72" as /proc/loadavg prints it (LOAD_INT.LOAD_FRAC after adding FIXED_1/200). */
export function formatLoad(x: number): string {
  const v = x + Math.floor(FIXED_1 / 200);
  const int = v >> FSHIFT;
  const frac = ((v & (FIXED_1 - 1)) * 100) >> FSHIFT;
  return `${int}.${String(frac).padStart(2, "0")}`;
}

/** Float value of a fixed-point load. */
export function loadToFloat(x: number): number {
  return x / FIXED_1;
}

/** Fixed-point load from a float (to seed a host that has been busy for a while). */
export function loadFromFloat(f: number): number {
  return Math.round(f * FIXED_1);
}
