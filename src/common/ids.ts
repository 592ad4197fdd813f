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
