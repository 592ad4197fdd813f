/**
 * The growing store the scaling benches share (search-scale, report-scale): claims written through
 * the store's own bulk path, CHUNK claims per bundle, each with a six-letter code word of its own
 * and the word "ketamine".
 */
import { ClaimKind, ReviewStatus } from '../../src/graphql.schema';
import { emptyBundle } from '../../src/store/bundle-plan';
import type { ClaimRecord, EvidenceStore, GraphBundle } from '../../src/store/ports';

export const CHUNK = 10_000;
export const AT = '2025-01-02T03:04:05.000Z';
const OPENERS = ['Low-dose', 'Intravenous', 'Oral', 'Repeated', 'Single', 'Nasal', 'Topical'];
const OUTCOMES = ['pain', 'fatigue', 'sleep', 'mood', 'function', 'stiffness', 'anxiety'];
const LETTERS = 'bcdfghjklmnpqrstvwz';

/** Claim i's own word: six consonants, so no code is a prefix or a stem of another. */
export function code(i: number): string {
  let s = '';
  for (let k = 0, n = i; k < 6; k++, n = Math.floor(n / LETTERS.length))
    s += LETTERS[n % LETTERS.length];
  return s;
}

export function claimText(i: number): string {
  return `${OPENERS[i % 7]} ketamine improves ${OUTCOMES[i % 7]} in cohort ${code(i)} over ${
    (i % 12) + 1
  } weeks`;
}

/**
 * Grows the store to `size` claims through its own bulk path, CHUNK claims per bundle, with a
 * progress line. `decorate` may change each claim and add what refers to it to the same bundle.
 */
export async function grow(
  store: EvidenceStore,
  have: number,
  size: number,
  label: string,
  decorate?: (bundle: GraphBundle, claim: ClaimRecord, i: number) => void,
): Promise<void> {
  const started = Date.now();
  for (let start = have; start < size; start += CHUNK) {
    const b = emptyBundle();
    for (let i = start; i < Math.min(size, start + CHUNK); i++) {
      const claim: ClaimRecord = {
        id: `claim-${String(i).padStart(7, '0')}`,
        text: claimText(i),
        kind: ClaimKind.EFFICACY,
        interventionId: null,
        reviewStatus: ReviewStatus.ACCEPTED,
        conditionIds: [],
        mechanismIds: [],
        createdAt: AT,
        updatedAt: AT,
        version: 1,
      };
      decorate?.(b, claim, i);
      b.claims.push(claim);
    }
    await store.upsertBundle(b);
    if (size - have > CHUNK)
      process.stdout.write(`\r  ${label}: ${Math.min(size, start + CHUNK)} / ${size} claims`);
  }
  if (size - have > CHUNK)
    process.stdout.write(` (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
}

/** Interleaved rounds (each task in turn) after a warm-up each; p50 in ms. */
export async function time(
  rounds: number,
  tasks: Record<string, () => Promise<unknown>>,
): Promise<Record<string, number>> {
  const samples: Record<string, number[]> = {};
  for (const [name, task] of Object.entries(tasks)) {
    await task();
    samples[name] = [];
  }
  for (let r = 0; r < rounds; r++)
    for (const [name, task] of Object.entries(tasks)) {
      const t0 = process.hrtime.bigint();
      await task();
      samples[name].push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  return Object.fromEntries(
    Object.entries(samples).map(([name, s]) => {
      const sorted = [...s].sort((a, b) => a - b);
      return [name, sorted[Math.floor(sorted.length / 2)]];
    }),
  );
}
