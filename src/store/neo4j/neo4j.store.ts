/**
 * The Neo4j store: one executor (the driver, its sessions and transactions, error translation)
 * shared by one adapter per role port, composed here into the whole EvidenceStore. The graph
 * model is described in neo4j.model.ts, the schema in neo4j.schema.ts; each area file says how
 * its records are stored.
 */
import { EvidenceStore } from '../ports';
import { neo4jAdmin } from './admin.neo4j';
import { neo4jCitations } from './citations.neo4j';
import { neo4jClaims } from './claims.neo4j';
import { neo4jEvidence } from './evidence.neo4j';
import { neo4jGraph } from './graph.neo4j';
import { Neo4jExecutor, Neo4jStoreConfig } from './neo4j.executor';
import { neo4jReports } from './report.neo4j';
import { neo4jReview } from './review.neo4j';
import { neo4jRevisions } from './revisions.neo4j';
import { neo4jSearch } from './search.neo4j';
import { neo4jSources } from './sources.neo4j';
import { neo4jStudies } from './studies.neo4j';
import { neo4jTokens } from './tokens.neo4j';
import { neo4jVocabulary } from './vocabulary.neo4j';

export type { Neo4jStoreConfig } from './neo4j.executor';

export type Neo4jStore = EvidenceStore & { readonly kind: 'neo4j' };

/** A Neo4j store (not yet initialised: call init()). */
export function createNeo4jStore(config: Neo4jStoreConfig): Neo4jStore {
  const x = new Neo4jExecutor(config);
  return {
    kind: 'neo4j',
    ...neo4jAdmin(x),
    ...neo4jSources(x),
    ...neo4jClaims(x),
    ...neo4jVocabulary(x),
    ...neo4jStudies(x),
    ...neo4jEvidence(x),
    ...neo4jReview(x),
    ...neo4jCitations(x),
    ...neo4jGraph(x),
    ...neo4jSearch(x),
    ...neo4jRevisions(x),
    ...neo4jTokens(x),
    ...neo4jReports(x),
  };
}
