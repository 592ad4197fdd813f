/**
 * No N+1: an evidence report costs a constant number of store calls whatever its size, and its
 * records come in one read (conditionEvidence). The store
 * is the real SQLite adapter on a temp file, wrapped only to count calls; the query goes over HTTP
 * and asks for nested fields on every claim (statements, their sources, studies, conditions, gaps).
 */
import { EvidenceStore } from '../../src/store/ports';
import * as f from '../support/fixtures';
import { startServer, StoreKind, storeKinds, TestServer, anonymous } from '../support/server';

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

const REPORT = `{ evidenceReport(condition: "Big condition") {
  summary { claimCount }
  claims { claim { id text intervention { name } conditions { name } mechanisms { name } assessment { grade } }
           status grade explanation
           statements { quote overclaimed source { title } claim { id } }
           supporting { study { title } counts } contradicting { study { title } }
           gaps { description claim { id } } }
  gaps { id } } }`;

async function callsFor(
  store: StoreKind,
  n: number,
): Promise<{ calls: string[]; claimCount: number }> {
  const calls: string[] = [];
  let server: TestServer | null = null;
  try {
    server = await startServer({ store, seed: false, wrapStore: (s) => counting(s, calls) });
    await server.store.upsertBundle(f.syntheticCondition(n));
    calls.length = 0;
    // A clinician's report: anonymous, so no token lookup is counted.
    const res = await server.gql(REPORT, undefined, anonymous());
    expect(res.errors).toBeUndefined();
    return { calls: [...calls], claimCount: res.data.evidenceReport.summary.claimCount };
  } finally {
    await server?.close();
  }
}

describe.each(storeKinds())('evidence report store calls on the %s store', (store) => {
  it('a report on 200 claims costs the same small number of store calls as one on 10', async () => {
    const small = await callsFor(store, 10);
    const large = await callsFor(store, 200);
    expect(small.claimCount).toBe(10);
    expect(large.claimCount).toBe(200);
    expect(large.calls.length).toBe(small.calls.length);
    // The condition by name (and, at the same time, the report's records in case the name were
    // an id: none), then everything the report reads about it in one read (conditionEvidence:
    // one round trip on Neo4j; the statements' sources with it, as the query asks for them),
    // then what the nested fields add.
    const perMethod = large.calls.reduce<Record<string, number>>(
      (m, c) => ({ ...m, [c]: (m[c] ?? 0) + 1 }),
      {},
    );
    expect(perMethod).toEqual({
      getConditions: 1,
      findConditionsByName: 1,
      conditionEvidence: 2,
      getInterventions: 1,
      getMechanisms: 1,
    });
  });
});
