/**
 * Versioned schema migrations, tracked in PRAGMA user_version. Each runs in its own transaction;
 * a migration once released is never edited, only followed by a new one.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'initial graph',
    sql: `
      -- Every node's id, whatever its type: ids are unique across the graph and node(id) finds the type.
      CREATE TABLE nodes (
        id   TEXT PRIMARY KEY,
        type TEXT NOT NULL
      ) STRICT;

      CREATE TABLE sources (
        id           TEXT PRIMARY KEY REFERENCES nodes(id),
        title        TEXT NOT NULL,
        url          TEXT,
        publisher    TEXT,
        kind         TEXT NOT NULL,
        text         TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        version      INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE interventions (
        id         TEXT PRIMARY KEY REFERENCES nodes(id),
        name       TEXT NOT NULL,
        drug       TEXT,
        route      TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        version    INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE conditions (
        id          TEXT PRIMARY KEY REFERENCES nodes(id),
        name        TEXT NOT NULL,
        synonyms    TEXT NOT NULL,  -- JSON array
        codes       TEXT NOT NULL,  -- JSON array of {system, code}
        description TEXT,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        version     INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX conditions_name ON conditions(lower(name), id);

      CREATE TABLE condition_broader (
        narrower_id TEXT NOT NULL REFERENCES conditions(id),
        broader_id  TEXT NOT NULL REFERENCES conditions(id),
        PRIMARY KEY (narrower_id, broader_id),
        CHECK (narrower_id <> broader_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX condition_broader_up ON condition_broader(broader_id, narrower_id);

      CREATE TABLE mechanisms (
        id          TEXT PRIMARY KEY REFERENCES nodes(id),
        name        TEXT NOT NULL,
        synonyms    TEXT NOT NULL,
        description TEXT,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        version     INTEGER NOT NULL
      ) STRICT;

      -- Normalised names and synonyms of conditions and mechanisms, for exact label lookups.
      CREATE TABLE labels (
        owner_id TEXT NOT NULL REFERENCES nodes(id),
        label    TEXT NOT NULL,
        PRIMARY KEY (label, owner_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX labels_owner ON labels(owner_id);

      CREATE TABLE claims (
        id              TEXT PRIMARY KEY REFERENCES nodes(id),
        text            TEXT NOT NULL,
        kind            TEXT NOT NULL,
        intervention_id TEXT REFERENCES interventions(id),
        review_status   TEXT NOT NULL,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL,
        version         INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE claim_conditions (
        claim_id     TEXT NOT NULL REFERENCES claims(id),
        condition_id TEXT NOT NULL REFERENCES conditions(id),
        position     INTEGER NOT NULL,
        PRIMARY KEY (claim_id, condition_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX claim_conditions_condition ON claim_conditions(condition_id, claim_id);

      CREATE TABLE claim_mechanisms (
        claim_id     TEXT NOT NULL REFERENCES claims(id),
        mechanism_id TEXT NOT NULL REFERENCES mechanisms(id),
        position     INTEGER NOT NULL,
        PRIMARY KEY (claim_id, mechanism_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX claim_mechanisms_mechanism ON claim_mechanisms(mechanism_id, claim_id);

      CREATE TABLE statements (
        id            TEXT PRIMARY KEY REFERENCES nodes(id),
        source_id     TEXT NOT NULL REFERENCES sources(id),
        claim_id      TEXT NOT NULL REFERENCES claims(id),
        quote         TEXT NOT NULL,
        start         INTEGER NOT NULL CHECK (start >= 0),
        "end"         INTEGER NOT NULL,
        prefix        TEXT NOT NULL,
        suffix        TEXT NOT NULL,
        hedging       TEXT NOT NULL,
        review_status TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        version       INTEGER NOT NULL,
        CHECK ("end" > start)
      ) STRICT;
      CREATE INDEX statements_source ON statements(source_id, start);
      CREATE INDEX statements_claim ON statements(claim_id);

      CREATE TABLE studies (
        id               TEXT PRIMARY KEY REFERENCES nodes(id),
        title            TEXT NOT NULL,
        authors          TEXT NOT NULL,  -- JSON array
        year             INTEGER,
        journal          TEXT,
        doi              TEXT UNIQUE,
        pmid             TEXT UNIQUE,
        design           TEXT NOT NULL,
        sample_size      INTEGER,
        population       TEXT,
        finding          TEXT,
        retracted        INTEGER NOT NULL DEFAULT 0,
        retraction_date  TEXT,
        retraction_note  TEXT,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL,
        version          INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE evidence_links (
        id         TEXT PRIMARY KEY,
        study_id   TEXT NOT NULL REFERENCES studies(id),
        claim_id   TEXT NOT NULL REFERENCES claims(id),
        relation   TEXT NOT NULL,
        note       TEXT,
        quote      TEXT,
        added_by   TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (study_id, claim_id)
      ) STRICT;
      CREATE INDEX evidence_links_claim ON evidence_links(claim_id);

      CREATE TABLE evidence_gaps (
        id              TEXT PRIMARY KEY REFERENCES nodes(id),
        claim_id        TEXT NOT NULL REFERENCES claims(id),
        kind            TEXT NOT NULL,
        description     TEXT NOT NULL,
        needed_design   TEXT,
        status          TEXT NOT NULL,
        statement_id    TEXT REFERENCES statements(id),
        addressed_by_id TEXT REFERENCES studies(id),
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL,
        version         INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX evidence_gaps_claim ON evidence_gaps(claim_id);

      -- Full-text search over every node's label and text; kept in step by the store's writes.
      -- Words match by prefix, case and accents folded, no stemming: the Neo4j store's analyzer
      -- does the same, so both stores find the same nodes.
      CREATE VIRTUAL TABLE search_index USING fts5(
        id UNINDEXED, type UNINDEXED, label, body,
        tokenize = 'unicode61 remove_diacritics 2'
      );
    `,
  },
  {
    version: 2,
    name: 'citations, notices and the graph view',
    sql: `
      CREATE TABLE citations (
        id         TEXT PRIMARY KEY,
        citing_id  TEXT NOT NULL REFERENCES studies(id),
        cited_id   TEXT NOT NULL REFERENCES studies(id),
        added_by   TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (citing_id, cited_id)
      ) STRICT;
      CREATE INDEX citations_cited ON citations(cited_id, citing_id);

      CREATE TABLE study_notices (
        id         TEXT PRIMARY KEY,
        study_id   TEXT NOT NULL REFERENCES studies(id),
        kind       TEXT NOT NULL,
        date       TEXT,
        note       TEXT,
        added_by   TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX study_notices_study ON study_notices(study_id, created_at);

      -- Every relationship of the graph as (source, target, type), for exploration and export.
      CREATE VIEW graph_edges(source, target, type) AS
        SELECT id, source_id, 'IN_SOURCE' FROM statements
        UNION ALL SELECT id, claim_id, 'STATES' FROM statements
        UNION ALL SELECT claim_id, condition_id, 'ABOUT' FROM claim_conditions
        UNION ALL SELECT claim_id, mechanism_id, 'VIA' FROM claim_mechanisms
        UNION ALL SELECT id, intervention_id, 'USES' FROM claims WHERE intervention_id IS NOT NULL
        UNION ALL SELECT narrower_id, broader_id, 'BROADER' FROM condition_broader
        UNION ALL SELECT study_id, claim_id, relation FROM evidence_links
        UNION ALL SELECT citing_id, cited_id, 'CITES' FROM citations
        UNION ALL SELECT id, claim_id, 'GAP_OF' FROM evidence_gaps
        UNION ALL SELECT id, statement_id, 'CONCERNS' FROM evidence_gaps WHERE statement_id IS NOT NULL
        UNION ALL SELECT id, addressed_by_id, 'ADDRESSED_BY' FROM evidence_gaps WHERE addressed_by_id IS NOT NULL;
    `,
  },
  {
    version: 3,
    name: 'review of evidence links, revisions and API tokens',
    sql: `
      -- Evidence links are reviewed like claims and statements, and versioned for compare-and-set.
      -- Links that exist before this migration were seeded or curated: accepted.
      ALTER TABLE evidence_links ADD COLUMN review_status TEXT NOT NULL DEFAULT 'ACCEPTED';
      ALTER TABLE evidence_links ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE evidence_links ADD COLUMN updated_at TEXT;
      UPDATE evidence_links SET updated_at = created_at;

      -- The audit trail: one row per change, written in the change's own transaction. before/after
      -- are whole records as JSON (null on create / delete); field diffs are computed on read.
      CREATE TABLE revisions (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        id          TEXT NOT NULL UNIQUE,
        entity_id   TEXT NOT NULL,
        entity_kind TEXT NOT NULL,
        action      TEXT NOT NULL,
        before      TEXT,
        after       TEXT,
        actor       TEXT NOT NULL,
        at          TEXT NOT NULL,
        reason      TEXT,
        revert_of   TEXT
      ) STRICT;
      CREATE INDEX revisions_entity ON revisions(entity_id, id);
      CREATE INDEX revisions_at ON revisions(at, id);

      -- API tokens: only a SHA-256 of the secret is kept.
      CREATE TABLE api_tokens (
        id         TEXT PRIMARY KEY,
        name       TEXT NOT NULL,
        role       TEXT NOT NULL,
        hash       TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        revoked_at TEXT
      ) STRICT;
    `,
  },
  {
    version: 4,
    name: 'review of gaps and notices',
    sql: `
      -- Gaps and notices recorded through the API are reviewed like claims; existing ones were
      -- seeded, curated or (notices) already in effect: accepted.
      ALTER TABLE evidence_gaps ADD COLUMN review_status TEXT NOT NULL DEFAULT 'ACCEPTED';
      -- Notices are versioned for compare-and-set (review, withdrawal).
      ALTER TABLE study_notices ADD COLUMN review_status TEXT NOT NULL DEFAULT 'ACCEPTED';
      ALTER TABLE study_notices ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE study_notices ADD COLUMN updated_at TEXT;
      UPDATE study_notices SET updated_at = created_at;
    `,
  },
  {
    version: 5,
    name: 'search over stemmed words',
    sql: `
      -- The search index holds the tokens made by ../searchable-text.ts, as the Neo4j store
      -- does, so both find the same nodes: folded words of label and body, and apart (weighed
      -- less) the stems that differ from their word. label and body are kept as written,
      -- unindexed, for ranking and snippets. The store fills it at init, when search_format
      -- differs from the format the code writes (here: none yet, so always).
      DROP TABLE search_index;
      CREATE VIRTUAL TABLE search_index USING fts5(
        id UNINDEXED, type UNINDEXED, label UNINDEXED, body UNINDEXED,
        label_words, body_words, stems,
        tokenize = 'unicode61 remove_diacritics 0'
      );
      CREATE TABLE search_format (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        version   INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 6,
    name: 'sources ingested from saved pages',
    sql: `
      -- When the document was retrieved, and the SHA-256 of the page's HTML when its text was
      -- extracted from one. Sources that exist before this migration were pasted or seeded: null.
      ALTER TABLE sources ADD COLUMN retrieved_at TEXT;
      ALTER TABLE sources ADD COLUMN html_sha256 TEXT;
    `,
  },
  {
    version: 7,
    name: 'risk of bias of studies',
    sql: `
      -- Studies recorded before judgements existed carry none: NOT_ASSESSED, no reason.
      ALTER TABLE studies ADD COLUMN risk_of_bias TEXT NOT NULL DEFAULT 'NOT_ASSESSED';
      ALTER TABLE studies ADD COLUMN risk_of_bias_reason TEXT;
    `,
  },
  {
    version: 8,
    name: 'indirectness of evidence links, conditions of study populations',
    sql: `
      -- Links recorded before indirectness existed record no difference from their claim; studies
      -- recorded before population conditions existed have none recorded.
      ALTER TABLE evidence_links ADD COLUMN indirectness TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE studies ADD COLUMN population_condition_ids TEXT NOT NULL DEFAULT '[]';
    `,
  },
  {
    version: 9,
    name: 'search prefix index and ranking configured in the index',
    sql: `
      -- Terms match as prefixes ("fibro"*): prefix='2 3' keeps the 2- and 3-letter prefixes of
      -- every word in the index, so short prefixes read one entry instead of merging the
      -- doclists of every word they begin. The same columns and rows, copied as they are (rowid
      -- is the node's rowid, see SqliteExecutor.index); no re-index from the records.
      CREATE VIRTUAL TABLE search_index_prefixed USING fts5(
        id UNINDEXED, type UNINDEXED, label UNINDEXED, body UNINDEXED,
        label_words, body_words, stems,
        tokenize = 'unicode61 remove_diacritics 0',
        prefix = '2 3'
      );
      INSERT INTO search_index_prefixed (rowid, id, type, label, body, label_words, body_words, stems)
        SELECT rowid, id, type, label, body, label_words, body_words, stems FROM search_index;
      DROP TABLE search_index;
      ALTER TABLE search_index_prefixed RENAME TO search_index;
      -- The ranking weights live in the index (label words 4 : body words 1 : other forms 0.5):
      -- ORDER BY rank uses them.
      INSERT INTO search_index (search_index, rank) VALUES ('rank', 'bm25(0, 0, 0, 0, 4.0, 1.0, 0.5)');
    `,
  },
];
