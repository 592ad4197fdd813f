/**
 * Several `asOf` instants in one request, on both stores: each aliased report reads its own
 * snapshot all the way down (its claims, their history), more instants than the snapshot cache
 * holds (SNAPSHOT_CACHE = 4) all stay open until the response is sent, and a root field without
 * asOf beside them still reads today. (Before: nested fields read whichever snapshot was entered
 * last, and other root fields read it too.)
 */
import { SNAPSHOT_CACHE } from '../../src/history/snapshot.service';
import { startServer, storeKinds, TestServer } from '../support/server';

const CLAIM = 'claim-fibromyalgia-relief-up-to-3-months';
const INSTANTS = 6;

describe.each(storeKinds())('asOf on the %s store', (store) => {
  let server: TestServer;
  /** instants[i]: after the i-th edit of the claim (instants[0]: before any). */
  const instants: string[] = [];
  const texts: string[] = [];
  let version0 = 0;
  let history0 = 0;

  beforeAll(async () => {
    server = await startServer({ store, seed: true });
    const before = await server.gql(
      `{ claim(id: "${CLAIM}") { text version history { totalCount } } }`,
    );
    expect(before.errors).toBeUndefined();
    version0 = before.data.claim.version;
    history0 = before.data.claim.history.totalCount;
    texts.push(before.data.claim.text);
    const tick = () => new Promise((r) => setTimeout(r, 15));
    await tick();
    instants.push(new Date().toISOString());
    for (let i = 1; i < INSTANTS; i++) {
      await tick();
      const text = `IV ketamine gives fibromyalgia pain relief, edit ${i}`;
      const edit = await server.gql(
        `mutation ($input: UpdateClaimInput!) { updateClaim(input: $input) { version } }`,
        { input: { id: CLAIM, expectedVersion: version0 + i - 1, text, reason: `edit ${i}` } },
      );
      expect(edit.errors).toBeUndefined();
      texts.push(text);
      await tick();
      instants.push(new Date().toISOString());
    }
  });

  afterAll(() => server.close());

  it(`answers ${INSTANTS} instants in one request (more than the ${SNAPSHOT_CACHE} cached), each report reading its own snapshot down to the claim's history`, async () => {
    expect(INSTANTS).toBeGreaterThan(SNAPSHOT_CACHE);
    const aliases = instants
      .map(
        (
          _,
          i,
        ) => `r${i}: evidenceReport(condition: "fibromyalgia", includePending: true, asOf: $t${i}) {
          asOf claims { claim { id text version history { totalCount edges { node { reason } } } } }
        }`,
      )
      .join('\n');
    const variables = Object.fromEntries(instants.map((t, i) => [`t${i}`, t]));
    const params = instants.map((_, i) => `$t${i}: DateTime`).join(', ');
    const reply = await server.gql(
      `query (${params}) { ${aliases} today: claim(id: "${CLAIM}") { text version } }`,
      variables,
    );
    expect(reply.errors).toBeUndefined();
    for (let i = 0; i < INSTANTS; i++) {
      const report = reply.data[`r${i}`];
      expect(report.asOf).toBe(instants[i]);
      const claim = report.claims.find(
        (c: { claim: { id: string } }) => c.claim.id === CLAIM,
      )?.claim;
      expect({ i, text: claim?.text, version: claim?.version }).toEqual({
        i,
        text: texts[i],
        version: version0 + i,
      });
      expect({ i, history: claim.history.totalCount }).toEqual({ i, history: history0 + i });
      const lastReason = claim.history.edges.at(-1).node.reason;
      if (i === 0) expect(lastReason).not.toMatch(/^edit/);
      else expect(lastReason).toBe(`edit ${i}`);
    }
    // The root field without asOf reads today.
    expect(reply.data.today).toEqual({
      text: texts[INSTANTS - 1],
      version: version0 + INSTANTS - 1,
    });
  });

  it('answers the same request again (snapshots reused or rebuilt, none closed under it)', async () => {
    const params = instants.map((_, i) => `$t${i}: DateTime`).join(', ');
    const aliases = instants
      .map(
        (_, i) =>
          `r${i}: evidenceReport(condition: "fibro", asOf: $t${i}) { summary { claimCount } claims { claim { history { totalCount } } } }`,
      )
      .join(' ');
    const variables = Object.fromEntries(instants.map((t, i) => [`t${i}`, t]));
    const replies = await Promise.all(
      [0, 1, 2].map(() => server.gql(`query (${params}) { ${aliases} }`, variables)),
    );
    for (const reply of replies) {
      expect(reply.errors).toBeUndefined();
      expect(Object.keys(reply.data)).toHaveLength(INSTANTS);
    }
  });
});
