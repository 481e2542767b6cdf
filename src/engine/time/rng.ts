/**
 * Seeded pseudo-random numbers for the engine. The engine never calls Math.random: every
 * random choice (PIDs, file names, jitter) comes from an Rng whose whole state is one
 * 32-bit integer, so a host snapshot carries it and a replay reproduces it exactly.
 * Algorithm: mulberry32 (public domain), good enough for simulation noise.
 */

/** A deterministic random source; `state` is serializable. */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** Current state, to snapshot. */
  readonly state: number;
}

/** Hashes a string to a 32-bit seed (FNV-1a), so scenarios can be seeded by name. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Creates a seeded Rng (mulberry32). */
export function createRng(seed: number): Rng {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int(min, max) {
      return min + Math.floor(next() * (max - min + 1));
    },
    pick(items) {
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    get state() {
      return s;
    },
  };
}
