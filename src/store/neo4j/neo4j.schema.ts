/**
 * Constraints and indexes of the Neo4j store. Every statement is idempotent (IF NOT EXISTS), so
 * init() runs them all on every start. A definition, once released, is never edited: a changed
 * index gets a new name (IF NOT EXISTS would silently keep the old one).
 */

/**
 * Name of the index of conditions' and mechanisms' normalised names and synonyms (`labels`, a
 * list: no range index covers list members), one keyword each, so a lookup by name is a seek.
 */
export const LABEL_INDEX = 'vocabulary_labels';

/** Name of the full-text index over every node's searchable words and its type. */
export const SEARCH_INDEX = 'entity_search_typed';

export const SCHEMA: string[] = [
  // Ids are unique across the whole graph; every lookup by id goes through this index.
  'CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT study_doi IF NOT EXISTS FOR (n:Study) REQUIRE n.doi IS UNIQUE',
  'CREATE CONSTRAINT study_pmid IF NOT EXISTS FOR (n:Study) REQUIRE n.pmid IS UNIQUE',
  'CREATE CONSTRAINT evidence_id IF NOT EXISTS FOR ()-[r:EVIDENCE]-() REQUIRE r.id IS UNIQUE',
  // Notices are (:Notice) nodes, not :Entity: they are no node of the graph, so their ids have
  // a namespace of their own (as SQLite's study_notices table).
  'CREATE CONSTRAINT notice_id IF NOT EXISTS FOR (n:Notice) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT citation_id IF NOT EXISTS FOR ()-[r:CITES]-() REQUIRE r.id IS UNIQUE',
  // Revisions and API tokens are records of their own, not nodes of the graph: (:Revision) and
  // (:ApiToken) carry no :Entity label and no relationships, so nodeTypes, search, traversals,
  // scans, counts and exports never see them; their ids have namespaces of their own.
  'CREATE CONSTRAINT revision_id IF NOT EXISTS FOR (n:Revision) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT api_token_id IF NOT EXISTS FOR (n:ApiToken) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT api_token_hash IF NOT EXISTS FOR (n:ApiToken) REQUIRE n.hash IS UNIQUE',
  // The one (:StoreClock) node every write transaction ticks (neo4j.executor.ts): MERGE on a
  // unique key, so two first writes cannot make two clocks.
  'CREATE CONSTRAINT store_clock_id IF NOT EXISTS FOR (n:StoreClock) REQUIRE n.id IS UNIQUE',
  // A record's history pages by (entityId, id); asOf reads revisions after an instant.
  'CREATE INDEX revision_entity IF NOT EXISTS FOR (n:Revision) ON (n.entityId, n.id)',
  'CREATE INDEX revision_at IF NOT EXISTS FOR (n:Revision) ON (n.at)',
  // Title + year deduplication looks studies up by year.
  'CREATE INDEX study_year IF NOT EXISTS FOR (n:Study) ON (n.year)',
  // searchLabel/searchBody already hold folded words and their stems separated by single spaces
  // (../searchable-text.ts searchWords), so the whitespace analyzer indexes exactly those words:
  // no stop words dropped, no stemming of its own.
  // The node's type is indexed too (one word, e.g. CLAIM), so a search filtered by type asks
  // Lucene for the top matches of that type, not for every match to filter afterwards. It
  // replaces entity_search (the same words, without the type).
  'DROP INDEX entity_search IF EXISTS',
  `CREATE FULLTEXT INDEX ${SEARCH_INDEX} IF NOT EXISTS
     FOR (n:Entity) ON EACH [n.searchLabel, n.searchBody, n.type]
     OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'whitespace' } }`,
  // Each label one keyword, as stored (already folded by normaliseName).
  `CREATE FULLTEXT INDEX ${LABEL_INDEX} IF NOT EXISTS
     FOR (n:Condition|Mechanism) ON EACH [n.labels]
     OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'keyword' } }`,
];
