// A Clock port that tests move by hand, so lifetimes are tested without sleeping.
import type { Clock } from '../../src/index.js';

/** A clock tests move by hand: no sleeps. */
export function manualClock(start = Date.parse('2026-01-15T12:00:00.000Z')) {
  let now = start;
  const clock: Clock = { now: () => new Date(now) };
  return {
    clock,
    at: () => now,
    advance(milliseconds: number) {
      now += milliseconds;
    },
  };
}
