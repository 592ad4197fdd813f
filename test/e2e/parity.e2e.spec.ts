/**
 * The two stores give identical answers: both servers load the same seeds, then the JSON of a set
 * of real queries (clinician reports, a claim with everything on it, search, browsing) is compared
 * field by field. Timestamps are left out: each store was seeded at its own moment.
 */
import { neo4jEnabled } from '../support/neo4j-test-server';
import { startServer, TestServer } from '../support/server';

const QUERIES: Array<[string, string]> = [
  ...['fibro', 'chronic pain', 'depression', 'chronic Lyme', 'PTSD', 'neuropathic pain'].map(
    (c): [string, string] => [
      `evidenceReport(${c})`,
      `{ evidenceReport(condition: "${c}") {
          condition { id name synonyms codes { system code } }
          conditionsIncluded { id }
          summary { claimCount overclaimedCount openGapCount text byStatus { status count } byGrade { grade count } }
          gaps { id kind description neededDesign status statement { id } }
          claims { claim { id text kind } status grade explanation overclaimed domains { domain verdict reason }
            statements { id quote start end prefix suffix hedging overclaimed source { id title } }
            supporting { id relation note counts indirectness { domain reason }
              study { id title doi pmid design sampleSize year authors populationConditions { id } } }
            contradicting { id relation note counts indirectness { domain reason } study { id title } }
            mentioning { id indirectness { domain reason } study { id } }
            gaps { id } conditions { id } } } }`,
    ],
  ),
  [
    'claim with statements and evidence',
    `{ claim(id: "claim-fibromyalgia-relief-up-to-3-months") { id text kind reviewStatus version
        intervention { id name drug route } conditions { id name broader { id } narrower { id } }
        mechanisms { id } statements { id quote start end source { id } claim { id } }
        evidence { id relation note quote addedBy counts study { id retracted } claim { id } }
        gaps { id kind description status statement { id quote } addressedBy { id } }
        assessment { status grade explanation overclaimed } } }`,
  ],
  [
    'search',
    `{ a: search(text: "ketamine pain", first: 20) { totalCount edges { cursor node { type label snippet score node { id } } } }
       b: search(text: "NMDA glutamate", first: 5) { totalCount edges { node { type label snippet score } } }
       c: search(text: "fibromyalgia", types: [STUDY, CLAIM], first: 10) { totalCount edges { node { type label } } }
       d: search(text: "painful relief", first: 10) { totalCount edges { node { type label snippet score } } } }`,
  ],
  [
    'browsing',
    `{ claims(filter: { condition: "chronic pain", status: SUPPORTED }, first: 50) { totalCount edges { cursor node { id } } }
       hedged: claims(filter: { hedging: HEDGED, source: "src-lyme-ketamine-infusion" }, first: 50) { totalCount edges { node { id } } }
       conditions(first: 50) { totalCount edges { cursor node { id name broader { id } narrower { id } claims { id } } } }
       studies(filter: { design: RCT }, first: 50) { totalCount edges { node { id title evidence { id relation claim { id } } } } }
       sources { id title contentHash statements { id } }
       mechanisms { id name claims { id } }
       node(id: "fibromyalgia") { id ... on Condition { name } } }`,
  ],
];

(neo4jEnabled() ? describe : describe.skip)('SQLite and Neo4j answer identically', () => {
  let sqlite: TestServer;
  let neo4j: TestServer;

  beforeAll(async () => {
    sqlite = await startServer({ store: 'sqlite', seed: true });
    neo4j = await startServer({ store: 'neo4j', seed: true });
  });

  afterAll(async () => {
    await sqlite?.close();
    await neo4j?.close();
  });

  it.each(QUERIES)('%s', async (_name, query) => {
    const [a, b] = await Promise.all([sqlite.gql(query), neo4j.gql(query)]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    expect(JSON.stringify(a.data).length).toBeGreaterThan(200);
    expect(b.data).toEqual(a.data);
  });
});
