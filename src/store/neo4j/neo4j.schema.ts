/**
 * Constraints and indexes of the Neo4j store. Every statement is idempotent (IF NOT EXISTS), so
 * init() runs them all on every start. A definition, once released, is never edited: a changed
 * index gets a new name (IF NOT EXISTS would silently keep the old one).
 */

/** Name of the full-text index over every node's searchable words. */
export const SEARCH_INDEX = 'entity_search';

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
  // Title + year deduplication looks studies up by year.
  'CREATE INDEX study_year IF NOT EXISTS FOR (n:Study) ON (n.year)',
  // searchLabel/searchBody already hold folded words separated by single spaces (see
  // searchWords), so the whitespace analyzer indexes exactly those words: no stop words dropped.
  `CREATE FULLTEXT INDEX ${SEARCH_INDEX} IF NOT EXISTS
     FOR (n:Entity) ON EACH [n.searchLabel, n.searchBody]
     OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'whitespace' } }`,
];
