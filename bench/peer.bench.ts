/**
 * `npm run bench`: our evidence report side by side with its floor and with a peer, issue 13 item 1.
 *
 * For the seeded "fibromyalgia" and "chronic pain" (with its narrower conditions) reports, in
 * interleaved rounds (BENCH_PEER_ROUNDS, default 3), the median of each cell:
 *  - floor: the services called directly, a fresh ReadScope (the request's caches) per call,
 *    for everything the selection returns (floorReport);
 *  - in-process: the same report through Apollo's executeOperation on the Nest app's server
 *    (plugins, limits, auth guard, scope per root field, every nested resolver), no HTTP;
 *  - HTTP at 1 and 8 clients: autocannon posting the same document to the running app,
 *    BENCH_PEER_SECONDS (default 5) per cell after a warm-up;
 * for SQLite and, with BENCH_NEO4J_URI (a Neo4j server it may wipe), for Neo4j; and
 *  - the peer: @neo4j/graphql (a dev dependency used only here) serving the equivalent nested
 *    selection over the same Neo4j data, by @apollo/server standalone on its own port, driven by
 *    the same load generator with the same clients and durations.
 * Prints the medians and the ratios (time per report against the floor; our throughput against
 * the peer's) and writes bench/results/peer.json. Without BENCH_NEO4J_URI it measures SQLite only
 * and says so.
 *
 * Our selection is the web report page's (web/src/features/report/report-page.tsx). The peer's
 * model (PEER_TYPE_DEFS) is the graph our Neo4j adapter writes (src/store/neo4j/neo4j.model.ts):
 * (:Claim)-[:ABOUT]->(:Condition)-[:BROADER]->(:Condition), (:Statement)-[:STATES]->(:Claim),
 * (:Statement)-[:IN_SOURCE]->(:Source), (:Study)-[:EVIDENCE {relation, ...}]->(:Claim),
 * (:EvidenceGap)-[:GAP_OF]->(:Claim). Differences, as close as its model allows:
 *  - the peer is given the condition's id (ours resolves a name or synonym, "fibro", itself);
 *  - narrower conditions are a filter nested two levels deep (the seeded hierarchy's depth; ours
 *    walks up to eight levels); only accepted claims, as ours shows by default;
 *  - the peer returns every evidence link, statement and gap as stored; ours counts and shows
 *    by review status and retraction, splits links into supporting / contradicting / mentioning
 *    and computes status, grade, certainty, GRADE domains, explanation, overclaiming and the
 *    summary, none of which the peer can express;
 *  - ours answers through its production stack (helmet, query depth / cost / alias limits, the
 *    auth guard, list caps); the peer is a bare Apollo server with no limits.
 * The floor is what the selection costs without GraphQL: ReportService's report (claims, links,
 * studies, statements, gaps, assessments, summary) and the same service and loader calls the
 * nested field resolvers make for it (the condition's narrower list, each statement's source and
 * overclaiming, each link's study and whether it counts), run as GraphQL runs them (siblings
 * together, so the loaders batch alike). Until November 2026 the floor left these out: ratios
 * before then compare against less work.
 * Before measuring, every path must answer the same claims (ids compared) for each report.
 * The machine may be shared: only ratios measured side by side in one run mean anything.
 */
import 'reflect-metadata';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { Neo4jGraphQL } from '@neo4j/graphql';
import type { INestApplication } from '@nestjs/common';
import type { Request } from 'express';
import type { ApolloDriver } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { createApp } from '../src/app.factory';
import { ClaimEvidenceService } from '../src/evidence/claim-evidence.service';
import { ReportService } from '../src/evidence/report.service';
import { requestContext } from '../src/graphql/request-context';
import { ReadScope } from '../src/read-scope/read-scope';
import { KNOWLEDGE_READS, KnowledgeReads } from '../src/store/ports';
import { httpLoad, median, sequentialRate } from './support/load';
import { wipeNeo4j } from './support/neo4j-wipe';

const ROUNDS = Number(process.env.BENCH_PEER_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_PEER_SECONDS ?? 5);
const SEQUENTIAL_MS = Number(process.env.BENCH_PEER_SEQUENTIAL_MS ?? 2000);
const CLIENTS = [1, 8] as const;

/** The reports measured: our condition argument and the condition's id for the peer. */
const REPORTS = [
  { name: 'fibromyalgia', condition: 'fibromyalgia', id: 'fibromyalgia' },
  { name: 'chronic pain', condition: 'chronic pain', id: 'chronic-pain' },
];

/** The web report page's query (web/src/features/report/report-page.tsx), as a user asks it. */
const OUR_QUERY = /* GraphQL */ `
  query Report($condition: String!, $includeNarrower: Boolean) {
    evidenceReport(condition: $condition, includeNarrower: $includeNarrower) {
      asOf
      includesPending
      condition {
        id
        name
        description
        narrower {
          id
          name
        }
      }
      conditionsIncluded {
        id
        name
      }
      summary {
        text
        claimCount
        overclaimedCount
        openGapCount
        byStatus {
          status
          count
        }
      }
      claims {
        pending
        reviewStatus
        status
        grade
        certainty
        domains {
          domain
          verdict
          reason
        }
        explanation
        overclaimed
        claim {
          id
          text
          kind
        }
        conditions {
          id
          name
        }
        statements {
          id
          quote
          hedging
          overclaimed
          source {
            id
            title
          }
        }
        supporting {
          ...EvidenceRow
        }
        contradicting {
          ...EvidenceRow
        }
        mentioning {
          ...EvidenceRow
        }
        gaps {
          id
          kind
          description
          neededDesign
          status
        }
      }
    }
  }
  fragment EvidenceRow on EvidenceLink {
    id
    relation
    counts
    reviewStatus
    note
    indirectness {
      domain
      reason
    }
    study {
      id
      title
      year
      design
      sampleSize
      doi
      pmid
      retracted
    }
  }
`;

/** The graph our Neo4j adapter writes, as @neo4j/graphql type definitions (its v7 syntax). */
const PEER_TYPE_DEFS = /* GraphQL */ `
  type Condition @node {
    id: String!
    name: String!
    description: String
    broader: [Condition!]! @relationship(type: "BROADER", direction: OUT)
    narrower: [Condition!]! @relationship(type: "BROADER", direction: IN)
  }
  type Claim @node {
    id: String!
    text: String!
    kind: String!
    reviewStatus: String!
    conditions: [Condition!]! @relationship(type: "ABOUT", direction: OUT)
    statements: [Statement!]! @relationship(type: "STATES", direction: IN)
    evidence: [Study!]! @relationship(type: "EVIDENCE", direction: IN, properties: "Evidence")
    gaps: [EvidenceGap!]! @relationship(type: "GAP_OF", direction: IN)
  }
  type Evidence @relationshipProperties {
    id: String!
    relation: String!
    note: String
    reviewStatus: String
    indirectness: String
  }
  type Study @node {
    id: String!
    title: String!
    year: Int
    design: String!
    sampleSize: Int
    doi: String
    pmid: String
    retracted: Boolean
  }
  type Statement @node {
    id: String!
    quote: String!
    hedging: String!
    reviewStatus: String!
    source: [Source!]! @relationship(type: "IN_SOURCE", direction: OUT)
  }
  type Source @node {
    id: String!
    title: String!
  }
  type EvidenceGap @node {
    id: String!
    kind: String!
    description: String!
    neededDesign: String
    status: String!
  }
`;

/** The peer's equivalent selection: the condition, and the accepted claims about it or below. */
const PEER_QUERY = /* GraphQL */ `
  query PeerReport($id: String!) {
    conditions(where: { id: { eq: $id } }) {
      id
      name
      description
      narrower {
        id
        name
      }
    }
    claims(
      where: {
        reviewStatus: { eq: "ACCEPTED" }
        conditions: {
          some: {
            OR: [
              { id: { eq: $id } }
              { broader: { some: { id: { eq: $id } } } }
              { broader: { some: { broader: { some: { id: { eq: $id } } } } } }
            ]
          }
        }
      }
    ) {
      id
      text
      kind
      reviewStatus
      conditions {
        id
        name
      }
      statements {
        id
        quote
        hedging
        reviewStatus
        source {
          id
          title
        }
      }
      evidenceConnection {
        edges {
          properties {
            id
            relation
            note
            reviewStatus
            indirectness
          }
          node {
            id
            title
            year
            design
            sampleSize
            doi
            pmid
            retracted
          }
        }
      }
      gaps {
        id
        kind
        description
        neededDesign
        status
      }
    }
  }
`;

type Mode = 'floor' | 'inProcess' | 'http1' | 'http8';
type Report = (typeof REPORTS)[number];

/** One side measured: our app over one store, or the peer (HTTP only). */
interface Subject {
  label: string;
  url: string;
  body: (r: Report) => string;
  /** The claim ids an HTTP answer holds, to check every path answers the same. */
  idsOf: (json: unknown) => string[];
  floor?: (r: Report) => Promise<string[]>;
  inProcess?: (r: Report) => Promise<string[]>;
  close: () => Promise<void>;
}

interface OurReportJson {
  data?: { evidenceReport: { claims: Array<{ claim: { id: string } }> } };
  errors?: unknown[];
}
interface PeerJson {
  data?: { claims: Array<{ id: string }> };
  errors?: unknown[];
}

const ourIds = (json: unknown): string[] => {
  const j = json as OurReportJson;
  if (!j.data || j.errors?.length) throw new Error(`our report failed: ${JSON.stringify(j)}`);
  return j.data.evidenceReport.claims.map((c) => c.claim.id);
};

const ourBody = (r: Report) =>
  JSON.stringify({
    query: OUR_QUERY,
    variables: { condition: r.condition, includeNarrower: true },
  });

/**
 * The selection's answer built by direct calls: the report, then what the nested resolvers add
 * (Condition.narrower, Statement.source and .overclaimed, EvidenceLink.study and .counts; the
 * rest of the selection is fields of the records these return).
 */
async function floorReport(
  reports: ReportService,
  evidence: ClaimEvidenceService,
  r: Report,
  scope: ReadScope,
) {
  const report = await reports.evidenceReport(r.condition, true, null, scope, {
    withSources: true,
  });
  const { loaders } = scope;
  await Promise.all([
    loaders.narrowerIds
      .load(report.condition.id)
      .then((ids) => loaders.all(loaders.condition, ids)),
    ...report.claims.flatMap((c) => [
      ...c.statements.map((s) =>
        Promise.all([loaders.source.load(s.sourceId), evidence.statementOverclaimed(s, scope)]),
      ),
      ...[...c.supporting, ...c.contradicting, ...c.mentioning].map((l) =>
        Promise.all([loaders.study.load(l.studyId), evidence.linkCounts(l, scope)]),
      ),
    ]),
  ]);
  return report;
}

/** Our app over the store the environment names (SQLite file or NEO4J_URI), seeded on start. */
async function ourSubject(label: string, env: Record<string, string | undefined>) {
  const settings: Record<string, string | undefined> = {
    ...env,
    SEED_ON_START: 'true',
    // Thousands of timed requests from one address.
    RATE_LIMIT_ENABLED: 'false',
    LOG_LEVEL: 'silent',
  };
  const saved = Object.fromEntries(Object.keys(settings).map((k) => [k, process.env[k]]));
  const set = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  };
  set(settings);
  let app: INestApplication;
  try {
    app = await createApp({ logger: false });
    await app.listen(0, '127.0.0.1');
  } finally {
    set(saved);
  }
  const url = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/graphql`;
  const reads = app.get<symbol, KnowledgeReads>(KNOWLEDGE_READS);
  const reports = app.get(ReportService);
  const evidence = app.get(ClaimEvidenceService);
  const apollo = app.get<GraphQLModule<ApolloDriver>>(GraphQLModule, { strict: false })
    .graphQlAdapter.instance;
  const subject: Subject = {
    label,
    url,
    body: ourBody,
    idsOf: ourIds,
    floor: async (r) =>
      (await floorReport(reports, evidence, r, new ReadScope(reads))).claims.map((c) => c.claim.id),
    inProcess: async (r) => {
      const res = await apollo.executeOperation(
        { query: OUR_QUERY, variables: { condition: r.condition, includeNarrower: true } },
        // A request as Express would hand it over (no token: an anonymous reader), one per call.
        { contextValue: requestContext(reads, { headers: {}, ip: '127.0.0.1' } as Request) },
      );
      if (res.body.kind !== 'single') throw new Error('expected a single result');
      return ourIds(res.body.singleResult);
    },
    close: () => app.close(),
  };
  return subject;
}

async function peerSubject(uri: string): Promise<Subject> {
  const driver = neo4j.driver(uri);
  const schema = await new Neo4jGraphQL({ typeDefs: PEER_TYPE_DEFS, driver }).getSchema();
  const server = new ApolloServer({ schema });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async () => ({}),
  });
  return {
    label: '@neo4j/graphql',
    url,
    body: (r) => JSON.stringify({ query: PEER_QUERY, variables: { id: r.id } }),
    idsOf: (json) => {
      const j = json as PeerJson;
      if (!j.data || j.errors?.length) throw new Error(`peer failed: ${JSON.stringify(j)}`);
      return j.data.claims.map((c) => c.id);
    },
    close: async () => {
      await server.stop();
      await driver.close();
    },
  };
}

const post = async (s: Subject, r: Report) =>
  s.idsOf(
    await (
      await fetch(s.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: s.body(r),
      })
    ).json(),
  );

const sameIds = (a: string[], b: string[]) =>
  a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

/** Every path answers the same claims for each report, before anything is timed. */
async function check(subjects: Subject[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const r of REPORTS) {
    const want = await post(subjects[0], r);
    if (want.length === 0) throw new Error(`${r.name}: no claims`);
    for (const s of subjects) {
      const got = {
        http: await post(s, r),
        ...(s.floor ? { floor: await s.floor(r) } : {}),
        ...(s.inProcess ? { inProcess: await s.inProcess(r) } : {}),
      };
      for (const [path, ids] of Object.entries(got))
        if (!sameIds(ids, want))
          throw new Error(
            `${r.name}: ${s.label} ${path} answers ${ids.length} claims, ${subjects[0].label} ${want.length} (or other ids)`,
          );
    }
    counts[r.name] = want.length;
  }
  return counts;
}

/** One cell's run: calls (or answered requests) per second. */
async function runCell(s: Subject, r: Report, mode: Mode): Promise<number> {
  if (mode === 'floor') return sequentialRate(() => s.floor!(r), SEQUENTIAL_MS);
  if (mode === 'inProcess') return sequentialRate(() => s.inProcess!(r), SEQUENTIAL_MS);
  const connections = mode === 'http1' ? 1 : 8;
  const res = await httpLoad({ url: s.url, body: s.body(r), connections, seconds: SECONDS });
  if (res.failures > 0)
    throw new Error(`${s.label} ${r.name} ${mode}: ${res.failures} failed requests`);
  return res.rps;
}

const modesOf = (s: Subject): Mode[] => [
  ...(s.floor ? (['floor', 'inProcess'] as Mode[]) : []),
  ...CLIENTS.map((c) => `http${c}` as Mode),
];

type Cells = Record<string, Record<string, Partial<Record<Mode, number[]>>>>;

async function measure(subjects: Subject[]): Promise<Cells> {
  const cells: Cells = {};
  // Warm-up: every HTTP cell once, shortly (JIT, connection pools, query plans).
  for (const r of REPORTS)
    for (const s of subjects)
      for (const c of CLIENTS)
        await httpLoad({ url: s.url, body: s.body(r), connections: c, seconds: 1 });
  for (let round = 0; round < ROUNDS; round++) {
    // Rounds interleave every cell; each round starts with a different subject.
    const order = subjects.map((_, i) => subjects[(i + round) % subjects.length]);
    for (const r of REPORTS)
      for (const s of order)
        for (const mode of modesOf(s)) {
          const rate = await runCell(s, r, mode);
          ((cells[r.name] ??= {})[s.label] ??= {})[mode] ??= [];
          cells[r.name][s.label][mode]!.push(rate);
          process.stdout.write(
            `\r  round ${round + 1}/${ROUNDS}: ${r.name}, ${s.label}, ${mode}: ${rate.toFixed(1)}/s      `,
          );
        }
  }
  process.stdout.write('\n');
  return cells;
}

interface Row {
  report: string;
  subject: string;
  floor?: number;
  inProcess?: number;
  http1: number;
  http8: number;
}

function rowsOf(cells: Cells): Row[] {
  return Object.entries(cells).flatMap(([report, bySubject]) =>
    Object.entries(bySubject).map(([subject, m]) => ({
      report,
      subject,
      floor: m.floor && median(m.floor),
      inProcess: m.inProcess && median(m.inProcess),
      http1: median(m.http1!),
      http8: median(m.http8!),
    })),
  );
}

const fmt = (x: number | undefined, digits = 1) => (x === undefined ? '-' : x.toFixed(digits));

function table(rows: Row[]): { lines: string[]; ratios: Record<string, unknown>[] } {
  const pad = (c: string[]) => c.map((x, i) => (i < 2 ? x.padEnd(16) : x.padStart(12))).join('');
  const lines = [
    '\nEvidence report, medians of the rounds (requests or calls per second)',
    pad(['report', 'served by', 'floor', 'in-process', 'HTTP 1', 'HTTP 8']),
  ];
  for (const r of rows)
    lines.push(
      pad([r.report, r.subject, fmt(r.floor), fmt(r.inProcess), fmt(r.http1), fmt(r.http8)]),
    );
  // Time per report against the floor (≥ 1: slower than the floor), throughput against the peer.
  const ratios: Record<string, unknown>[] = [];
  lines.push(
    '\nRatios: time per report against the floor (goal: in-process ≤ 1.25, HTTP 1 client ≤ 2);',
    'our throughput against @neo4j/graphql on the same Neo4j data (goal ≥ 2)',
    pad(['report', 'store', 'in-proc/floor', 'HTTP1/floor', 'HTTP1/peer', 'HTTP8/peer']),
  );
  for (const r of rows.filter((x) => x.floor !== undefined)) {
    const peer = r.subject.startsWith('Neo4j')
      ? rows.find((p) => p.report === r.report && !p.floor)
      : null;
    const ratio = {
      report: r.report,
      store: r.subject,
      inProcessOverFloor: r.floor! / r.inProcess!,
      http1OverFloor: r.floor! / r.http1,
      http1OverPeer: peer ? r.http1 / peer.http1 : undefined,
      http8OverPeer: peer ? r.http8 / peer.http8 : undefined,
    };
    ratios.push(ratio);
    lines.push(
      pad([
        r.report,
        r.subject,
        fmt(ratio.inProcessOverFloor, 2),
        fmt(ratio.http1OverFloor, 2),
        fmt(ratio.http1OverPeer, 2),
        fmt(ratio.http8OverPeer, 2),
      ]),
    );
  }
  return { lines, ratios };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'peer-bench-'));
  const subjects: Subject[] = [];
  const neoUri = process.env.BENCH_NEO4J_URI;
  try {
    subjects.push(
      await ourSubject('SQLite', { SQLITE_PATH: join(dir, 'bench.db'), NEO4J_URI: undefined }),
    );
    if (neoUri) {
      await wipeNeo4j(neoUri);
      subjects.push(await ourSubject('Neo4j', { NEO4J_URI: neoUri }));
      // The same server with the report cache off: every report read anew, as the peer does.
      subjects.push(
        await ourSubject('Neo4j, no cache', { NEO4J_URI: neoUri, REPORT_CACHE_MB: '0' }),
      );
      subjects.push(await peerSubject(neoUri));
    }
    const claims = await check(subjects);
    console.log(
      `Same claims on every path: ${Object.entries(claims)
        .map(([k, n]) => `${k} ${n}`)
        .join(
          ', ',
        )}. ${ROUNDS} rounds, HTTP cells ${SECONDS} s, in-process cells ${SEQUENTIAL_MS} ms.`,
    );
    const cells = await measure(subjects);
    const rows = rowsOf(cells);
    const { lines, ratios } = table(rows);
    if (!neoUri)
      lines.push(
        '\nNeo4j and @neo4j/graphql: skipped (set BENCH_NEO4J_URI to a Neo4j server it may wipe)',
      );
    lines.push('Measured on a machine possibly shared with other work: compare ratios only.');
    console.log(lines.join('\n'));
    const out = join(__dirname, 'results');
    mkdirSync(out, { recursive: true });
    writeFileSync(
      join(out, 'peer.json'),
      `${JSON.stringify(
        {
          note: 'Side by side in one run on a shared machine (other work running): ratios count, absolute figures do not.',
          machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
          settings: { rounds: ROUNDS, httpSeconds: SECONDS, sequentialMs: SEQUENTIAL_MS },
          peer: '@neo4j/graphql 7 on @apollo/server standalone',
          claims,
          medians: rows,
          ratios,
          rounds: cells,
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    for (const s of subjects.reverse()) await s.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
