import type { FetchTarget } from '@engram/core';
import { scopeKeyOf } from '@engram/core';
import type { LocomoSample } from '../locomo/locomo-dataset.js';

/** The instance every offline evaluation ingests into. */
export const EVALUATION_INSTANCE = 'inst_0000000000000e7a';

/**
 * The samples a `--samples` option selects: absent = all; `N` = the first N
 * (the historical meaning); `A-B` = positions A..B inclusive; `a,b,c` =
 * those positions (a single position is written `3-3`).
 */
export function selectSamples<T>(all: readonly T[], selector: string | undefined): T[] {
  if (selector === undefined || selector === '') return [...all];
  return positionsOf(selector, all.length).map((position) => all[position] as T);
}

/** Sample positions a selector names (see {@link selectSamples}), in range and de-duplicated. */
export function positionsOf(selector: string, count: number): number[] {
  const positions = new Set<number>();
  if (/^\d+$/u.test(selector)) {
    for (let position = 0; position < Math.min(count, Number(selector)); position++) positions.add(position);
    return [...positions];
  }
  for (const part of selector.split(',')) {
    const [from, to] = part.split('-').map(Number);
    if (from === undefined || !Number.isInteger(from)) continue;
    const last = to === undefined || !Number.isInteger(to) ? from : to;
    for (let position = from; position <= last; position++) if (position < count) positions.add(position);
  }
  return [...positions].sort((left, right) => left - right);
}

/** The user scope key of a sample (user id = customer id = sample id). */
export function userScopeKey(sampleId: string): string {
  return scopeKeyOf(EVALUATION_INSTANCE, 'user', { customerId: sampleId, userId: sampleId });
}

/** The user-scope fetch target of a sample. */
export function fetchTargetOf(sampleId: string): FetchTarget {
  return {
    scope: 'user',
    instanceId: EVALUATION_INSTANCE,
    clientId: 'cli_0000000000000e7a',
    userId: sampleId,
    customerId: sampleId,
    conversationId: undefined,
    includeClientContext: true,
  };
}

/** Re-exported so callers need one import for the sample type. */
export type { LocomoSample };
