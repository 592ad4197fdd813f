import neo4j, { Driver } from 'neo4j-driver';
import { StoreCounts } from '../../src/store/evidence-store.port';

/** What each count counts, in raw Cypher: nodes by label, or relationships by type. */
const COUNTED: Record<keyof StoreCounts, string> = {
  sources: 'MATCH (n:Source) RETURN count(n) AS n',
  statements: 'MATCH (n:Statement) RETURN count(n) AS n',
  claims: 'MATCH (n:Claim) RETURN count(n) AS n',
  conditions: 'MATCH (n:Condition) RETURN count(n) AS n',
  mechanisms: 'MATCH (n:Mechanism) RETURN count(n) AS n',
  interventions: 'MATCH (n:Intervention) RETURN count(n) AS n',
  studies: 'MATCH (n:Study) RETURN count(n) AS n',
  evidence: 'MATCH ()-[r:EVIDENCE]->() RETURN count(r) AS n',
  gaps: 'MATCH (n:EvidenceGap) RETURN count(n) AS n',
  notices: 'MATCH (n:Notice) RETURN count(n) AS n',
  citations: 'MATCH ()-[r:CITES]->() RETURN count(r) AS n',
};

/** Raw Cypher on its own driver: an independent look at what the Neo4j store really wrote. */
export class Neo4jProbe {
  private readonly driver: Driver;

  constructor(uri: string) {
    this.driver = neo4j.driver(uri, undefined, { disableLosslessIntegers: true });
  }

  private async run(cypher: string, params: Record<string, unknown> = {}) {
    const session = this.driver.session({ database: 'neo4j' });
    try {
      return (await session.run(cypher, params)).records.map((r) => r.toObject());
    } finally {
      await session.close();
    }
  }

  async counts(): Promise<StoreCounts> {
    const out = {} as StoreCounts;
    for (const [k, cypher] of Object.entries(COUNTED)) {
      const [r] = await this.run(cypher);
      out[k as keyof StoreCounts] = toNumber(r.n);
    }
    return out;
  }

  /** A graph node's property (revisions, tokens and notices have id namespaces of their own). */
  async property(id: string, name: string): Promise<unknown> {
    const [r] = await this.run('MATCH (n:Entity {id: $id}) RETURN n[$name] AS value', {
      id,
      name,
    });
    if (!r) return undefined;
    return neo4j.isInt(r.value) ? r.value.toNumber() : r.value;
  }

  /** Cypher's name for a stored property's type, e.g. 'INTEGER NOT NULL'. */
  async valueType(id: string, name: string): Promise<string | undefined> {
    const [r] = await this.run('MATCH (n:Entity {id: $id}) RETURN valueType(n[$name]) AS type', {
      id,
      name,
    });
    return r?.type as string | undefined;
  }

  /** Revisions stored for one record (any record when no id). */
  async revisionCount(entityId?: string): Promise<number> {
    const [r] = await this.run(
      'MATCH (v:Revision) WHERE $entityId IS NULL OR v.entityId = $entityId RETURN count(v) AS n',
      { entityId: entityId ?? null },
    );
    return toNumber(r.n);
  }

  /** Stored API tokens: id and hash only. */
  async tokens(): Promise<Array<{ id: string; hash: string }>> {
    const found = await this.run(
      'MATCH (t:ApiToken) RETURN t.id AS id, t.hash AS hash ORDER BY id',
    );
    return found.map((r) => ({ id: r.id as string, hash: r.hash as string }));
  }

  /**
   * Every node and relationship with all its properties, canonically ordered: graph nodes, notice
   * nodes and their HAS_NOTICE links, revision and API token nodes, evidence and citation
   * relationships included.
   */
  async snapshot(): Promise<unknown> {
    // Notice, revision and token ids have their own namespaces: labels break a tie with a node's id.
    const nodes = await this.run(
      'MATCH (n) RETURN labels(n) AS labels, properties(n) AS props ORDER BY n.id, labels',
    );
    const rels = await this.run(
      `MATCH (a)-[r]->(b)
       RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props
       ORDER BY type, from, to, r.id`,
    );
    return {
      nodes: nodes.map((n) => ({ labels: [...(n.labels as string[])].sort(), props: n.props })),
      rels,
    };
  }

  /** Deletes everything (tests start from an empty database; schema stays). */
  async wipe(): Promise<void> {
    await this.run('MATCH (n) DETACH DELETE n');
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}

function toNumber(v: unknown): number {
  return neo4j.isInt(v) ? v.toNumber() : Number(v);
}
