/**
 * Compiled queries (src/graphql/compiled-queries.ts) answer exactly what graphql-js answers: the
 * real app over a seeded temp SQLite file, once compiling every query on first use and once never,
 * asked the same documents (fragments, inline fragments on an interface and a union, aliases,
 * @include/@skip from variables, defaults, errors). No HTTP: Apollo's executeOperation.
 */
import type { ApolloServer } from '@apollo/server';
import type { ApolloDriver } from '@nestjs/apollo';
import type { INestApplication } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { Request } from 'express';
import { createApp } from '../../src/app.factory';
import { requestContext, RequestContext } from '../../src/graphql/request-context';
import { KNOWLEDGE_READS, KnowledgeReads } from '../../src/store/ports';
import { tempDbPath } from '../support/temp-sqlite';

interface Subject {
  app: INestApplication;
  apollo: ApolloServer<RequestContext>;
  reads: KnowledgeReads;
  cleanup: () => void;
}

async function subject(compileAfter: string): Promise<Subject> {
  const { file, cleanup } = tempDbPath();
  const env = {
    SQLITE_PATH: file,
    NEO4J_URI: '',
    SEED_ON_START: 'true',
    RATE_LIMIT_ENABLED: 'false',
    LOG_LEVEL: 'silent',
    GRAPHQL_COMPILE_AFTER: compileAfter,
  };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    const app = await createApp({ logger: false });
    await app.init();
    const apollo = app.get<GraphQLModule<ApolloDriver>>(GraphQLModule, { strict: false })
      .graphQlAdapter.instance as unknown as ApolloServer<RequestContext>;
    return { app, apollo, reads: app.get<symbol, KnowledgeReads>(KNOWLEDGE_READS), cleanup };
  } finally {
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  }
}

async function ask(s: Subject, query: string, variables: Record<string, unknown> = {}) {
  const res = await s.apollo.executeOperation(
    { query, variables },
    { contextValue: requestContext(s.reads, { headers: {}, ip: '127.0.0.1' } as Request) },
  );
  if (res.body.kind !== 'single') throw new Error('expected a single result');
  return { status: res.http.status, ...res.body.singleResult };
}

const REPORT = /* GraphQL */ `
  query Report($condition: String!, $withClaims: Boolean!, $noGaps: Boolean = false) {
    evidenceReport(condition: $condition) {
      summary {
        text
        claimCount
      }
      condition {
        ...Named
        narrower {
          ...Named
        }
      }
      claims @include(if: $withClaims) {
        grade
        explanation
        domains {
          domain
          verdict
        }
        claim {
          id
          text
        }
        statements {
          quote
          overclaimed
          source {
            ...Named
          }
        }
        supporting {
          ...Link
        }
        contradicting {
          ...Link
        }
        gaps @skip(if: $noGaps) {
          kind
          status
        }
      }
      firstClaims: claims {
        claim {
          id
        }
      }
    }
  }
  fragment Named on Node {
    id
    ... on Condition {
      name
    }
    ... on Source {
      title
    }
  }
  fragment Link on EvidenceLink {
    relation
    counts
    study {
      title
      year
      retracted
    }
  }
`;

const SEARCH = /* GraphQL */ `
  query Search($text: String!) {
    search(text: $text, first: 5) {
      totalCount
      edges {
        node {
          type
          label
          node {
            __typename
            id
            ... on Claim {
              text
            }
            ... on Study {
              title
            }
          }
        }
      }
    }
  }
`;

describe('compiled queries answer as graphql-js does', () => {
  let compiled: Subject;
  let plain: Subject;

  beforeAll(async () => {
    // One after the other: each reads its settings from the environment while it starts.
    compiled = await subject('1');
    plain = await subject('0');
  }, 60_000);

  afterAll(async () => {
    for (const s of [compiled, plain]) {
      await s?.app.close();
      s?.cleanup();
    }
  });

  /** Asked twice of each: the compiled app runs the second from its compiled form too. */
  async function same(query: string, variables: Record<string, unknown> = {}) {
    const expected = await ask(plain, query, variables);
    for (let i = 0; i < 2; i++) expect(await ask(compiled, query, variables)).toEqual(expected);
    return expected;
  }

  it('a report with fragments, aliases and directives from variables', async () => {
    for (const variables of [
      { condition: 'chronic pain', withClaims: true },
      { condition: 'fibromyalgia', withClaims: true, noGaps: true },
      { condition: 'fibro', withClaims: false },
    ]) {
      const answer = await same(REPORT, variables);
      expect(answer.errors).toBeUndefined();
      expect(
        (answer.data as { evidenceReport: { firstClaims: unknown[] } }).evidenceReport.firstClaims
          .length,
      ).toBeGreaterThan(0);
    }
  });

  it('interface fields through search hits', async () => {
    const answer = await same(SEARCH, { text: 'ketamine' });
    expect(answer.errors).toBeUndefined();
  });

  it('errors are the same errors, formatted the same', async () => {
    const unknown = await same(REPORT, { condition: 'no such condition', withClaims: true });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const badVariable = await same(REPORT, { condition: 3, withClaims: true });
    expect(badVariable.errors?.[0]?.message).toMatch(/\$condition/);
  });
});
