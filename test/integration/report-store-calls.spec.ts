/**
 * No N+1: an evidence report costs a constant number of store calls whatever its size. The store
 * is the real SQLite adapter on a temp file, wrapped only to count calls; the query goes over HTTP
 * and asks for nested fields on every claim (statements, their sources, studies, conditions, gaps).
 */
import { ClaimKind, EvidenceRelation, Hedging, StudyDesign } from '../../src/graphql.schema';
import { EvidenceStore, GraphBundle } from '../../src/store/evidence-store.port';
import * as f from '../support/fixtures';
import { startServer, TestServer } from '../support/server';

function counting(store: EvidenceStore, calls: string[]): EvidenceStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(String(prop));
        return value.apply(target, args);
      };
    },
  });
}

function conditionWithClaims(n: number): GraphBundle {
  const text = Array.from({ length: n }, (_, i) => `Claim number ${i} is stated here.`).join(' ');
  const b = f.emptyBundle();
  b.sources.push(f.source({ text }));
  b.conditions.push(
    f.condition({ id: 'big', name: 'Big condition' }),
    f.condition({ id: 'big-child', name: 'Child', broaderIds: ['big'] }),
  );
  b.mechanisms.push(f.mechanism());
  b.interventions.push(f.intervention());
  for (let i = 0; i < 4; i++)
    b.studies.push(
      f.study({
        id: `s${i}`,
        doi: `10.1000/s${i}`,
        pmid: null,
        design: [
          StudyDesign.RCT,
          StudyDesign.COHORT,
          StudyDesign.CASE_SERIES,
          StudyDesign.META_ANALYSIS,
        ][i],
        sampleSize: 20 + i * 40,
      }),
    );
  for (let i = 0; i < n; i++) {
    const id = `claim-${String(i).padStart(4, '0')}`;
    b.claims.push(
      f.claim({
        id,
        text: `Claim ${i}`,
        kind: ClaimKind.EFFICACY,
        conditionIds: [i % 2 ? 'big' : 'big-child'],
        mechanismIds: ['mech-a'],
        interventionId: 'int-a',
      }),
    );
    b.statements.push(
      f.statement({
        id: `stmt-${i}`,
        claimId: id,
        text,
        quote: `Claim number ${i} is stated`,
        hedging: i % 3 ? Hedging.ASSERTIVE : Hedging.HEDGED,
      }),
    );
    b.evidence.push(
      f.link({
        id: `ev-${i}-a`,
        studyId: `s${i % 4}`,
        claimId: id,
        relation: EvidenceRelation.SUPPORTS,
      }),
    );
    b.evidence.push(
      f.link({
        id: `ev-${i}-b`,
        studyId: `s${(i + 1) % 4}`,
        claimId: id,
        relation: EvidenceRelation.CONTRADICTS,
      }),
    );
    if (i % 5 === 0) b.gaps.push(f.gap({ id: `gap-${i}`, claimId: id }));
  }
  return b;
}

const REPORT = `{ evidenceReport(condition: "Big condition") {
  summary { claimCount }
  claims { claim { id text intervention { name } conditions { name } mechanisms { name } assessment { grade } }
           status grade explanation
           statements { quote overclaimed source { title } claim { id } }
           supporting { study { title } counts } contradicting { study { title } }
           gaps { description claim { id } } }
  gaps { id } } }`;

async function callsFor(n: number): Promise<{ calls: string[]; claimCount: number }> {
  const calls: string[] = [];
  let server: TestServer | null = null;
  try {
    server = await startServer({ seed: false, wrapStore: (s) => counting(s, calls) });
    await server.store.upsertBundle(conditionWithClaims(n));
    calls.length = 0;
    const res = await server.gql(REPORT);
    expect(res.errors).toBeUndefined();
    return { calls: [...calls], claimCount: res.data.evidenceReport.summary.claimCount };
  } finally {
    await server?.close();
  }
}

describe('evidence report store calls', () => {
  it('a report on 200 claims costs the same small number of store calls as one on 10', async () => {
    const small = await callsFor(10);
    const large = await callsFor(200);
    expect(small.claimCount).toBe(10);
    expect(large.claimCount).toBe(200);
    expect(large.calls.length).toBe(small.calls.length);
    expect(large.calls.length).toBeLessThanOrEqual(13);
    // Each batched read happens a bounded number of times, never once per claim.
    const perMethod = large.calls.reduce<Record<string, number>>(
      (m, c) => ({ ...m, [c]: (m[c] ?? 0) + 1 }),
      {},
    );
    expect(Math.max(...Object.values(perMethod))).toBeLessThanOrEqual(3);
    expect(perMethod).toMatchObject({
      findClaimIds: 1,
      getClaims: 1,
      evidenceByClaims: 1,
      statementsByClaims: 1,
      gapsByClaims: 1,
      getStudies: 1,
    });
  });
});
