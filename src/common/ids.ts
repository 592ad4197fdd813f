import { randomUUID } from 'crypto';

/** Generated ids carry their type as a prefix so a bare id is readable in logs and exports. */
export function newId(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}

/** Slugs (seeded and caller-chosen ids): lower-case letters, digits and single dashes. */
export const ID_PATTERN = /^[a-z0-9]+(?:[-_.:][a-z0-9]+)*$/;
export const ID_MAX_LENGTH = 120;

export function nowIso(): string {
  return new Date().toISOString();
}

let lastMs = -1;
let counter = 0;

/**
 * Revision ids sort in the order changes were made: the change's time in hex, then a per-process
 * counter within the millisecond, then randomness so processes never collide.
 */
export function newRevisionId(at: string): string {
  const ms = Date.parse(at);
  if (ms === lastMs) counter++;
  else {
    lastMs = ms;
    counter = 0;
  }
  const rand = randomUUID().replace(/-/g, '').slice(0, 10);
  return `rev-${ms.toString(16).padStart(12, '0')}-${counter.toString(16).padStart(5, '0')}-${rand}`;
}
