/** A deterministic source of pseudo-random numbers, so a generated corpus is the same on every run. */
export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, bound). */
  below(bound: number): number;
  /** One element of a non-empty list, uniformly. */
  pick<Item>(items: readonly Item[]): Item;
  /** True with probability `probability`. */
  chance(probability: number): boolean;
}

/**
 * mulberry32 over a 32-bit seed: fast, and plenty for benchmark data (not
 * for anything security-related). The same seed always yields the same sequence.
 */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
  const below = (bound: number) => Math.floor(next() * bound);
  return {
    next,
    below,
    pick: <Item>(items: readonly Item[]) => items[below(items.length)] as Item,
    chance: (probability: number) => next() < probability,
  };
}
