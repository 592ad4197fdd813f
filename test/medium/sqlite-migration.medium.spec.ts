/**
 * Upgrading a SQLite file written before gaps and notices were reviewed (migration 4): what was
 * there was seeded, curated or already in effect, so it reads back ACCEPTED, version 1, and the
 * study a notice retracted stays retracted. Upgrading past migration 6 (sources from saved pages):
 * sources already there were pasted or seeded, so they have no retrieval day and no HTML hash.
 * Past migration 7 (risk of bias): studies already there carry no judgement, NOT_ASSESSED. Past
 * migration 8: links already there record no indirectness, studies no population conditions.
 */
import Database from 'better-sqlite3';
import { NoticeKind, ReviewStatus, RiskOfBias } from '../../src/graphql.schema';
import { MIGRATIONS } from '../../src/store/sqlite/sqlite.migrations';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store';
import { tempDbPath } from '../support/temp-sqlite';

const AT = '2025-01-02T03:04:05.000Z';

describe('SQLite migration 4 (review of gaps and notices)', () => {
  it('reads gaps and notices written before it as accepted', async () => {
    const { file, cleanup } = tempDbPath();
    try {
      const db = new Database(file);
      for (const m of MIGRATIONS.filter((x) => x.version <= 3)) db.exec(m.sql);
      db.pragma('user_version = 3');
      db.exec(`
        INSERT INTO nodes (id, type) VALUES ('study-old', 'STUDY'), ('claim-old', 'CLAIM'), ('gap-old', 'EVIDENCE_GAP');
        INSERT INTO studies (id, title, authors, design, retracted, retraction_date, created_at, updated_at, version)
          VALUES ('study-old', 'Old study', '["Roe R"]', 'RCT', 1, '2024-01-02', '${AT}', '${AT}', 2);
        INSERT INTO claims (id, text, kind, review_status, created_at, updated_at, version)
          VALUES ('claim-old', 'Old claim', 'EFFICACY', 'ACCEPTED', '${AT}', '${AT}', 1);
        INSERT INTO evidence_gaps (id, claim_id, kind, description, status, created_at, updated_at, version)
          VALUES ('gap-old', 'claim-old', 'NO_STUDY', 'No trial', 'OPEN', '${AT}', '${AT}', 1);
        INSERT INTO study_notices (id, study_id, kind, date, note, added_by, created_at)
          VALUES ('notice-old', 'study-old', 'RETRACTION', '2024-01-02', NULL, 'editor', '${AT}');
      `);
      db.close();

      const store = createSqliteStore(file);
      await store.init();
      try {
        expect(await store.getNotices(['notice-old'])).toEqual([
          {
            id: 'notice-old',
            studyId: 'study-old',
            kind: NoticeKind.RETRACTION,
            date: '2024-01-02',
            note: null,
            addedBy: 'editor',
            createdAt: AT,
            updatedAt: AT,
            version: 1,
            reviewStatus: ReviewStatus.ACCEPTED,
          },
        ]);
        expect((await store.getGaps(['gap-old']))[0]).toMatchObject({
          reviewStatus: ReviewStatus.ACCEPTED,
          version: 1,
        });
        expect((await store.getStudies(['study-old']))[0].retraction).toEqual({
          date: '2024-01-02',
          note: null,
        });
      } finally {
        await store.close();
      }
    } finally {
      cleanup();
    }
  });
});

describe('SQLite migrations 5 and 6 (search words, then sources ingested from saved pages)', () => {
  it('reads sources written before it with no retrieval day and no HTML hash', async () => {
    const { file, cleanup } = tempDbPath();
    try {
      const db = new Database(file);
      for (const m of MIGRATIONS.filter((x) => x.version <= 4)) db.exec(m.sql);
      db.pragma('user_version = 4');
      db.exec(`
        INSERT INTO nodes (id, type) VALUES ('src-old', 'SOURCE');
        INSERT INTO sources (id, title, url, publisher, kind, text, content_hash, created_at, updated_at, version)
          VALUES ('src-old', 'Old page', NULL, NULL, 'NEWS', 'Old words.', 'h', '${AT}', '${AT}', 1);
      `);
      db.close();

      const store = createSqliteStore(file);
      await store.init();
      try {
        expect((await store.getSources(['src-old']))[0]).toMatchObject({
          id: 'src-old',
          text: 'Old words.',
          retrievedAt: null,
          htmlSha256: null,
        });
      } finally {
        await store.close();
      }
    } finally {
      cleanup();
    }
  });
});

describe('SQLite migration 7 (risk of bias of studies)', () => {
  it('reads studies written before it as NOT_ASSESSED, with no reason', async () => {
    const { file, cleanup } = tempDbPath();
    try {
      const db = new Database(file);
      for (const m of MIGRATIONS.filter((x) => x.version <= 6)) db.exec(m.sql);
      db.pragma('user_version = 6');
      db.exec(`
        INSERT INTO nodes (id, type) VALUES ('study-old', 'STUDY');
        INSERT INTO studies (id, title, authors, design, retracted, created_at, updated_at, version)
          VALUES ('study-old', 'Old study', '["Roe R"]', 'CASE_SERIES', 0, '${AT}', '${AT}', 1);
      `);
      db.close();

      const store = createSqliteStore(file);
      await store.init();
      try {
        expect((await store.getStudies(['study-old']))[0]).toMatchObject({
          id: 'study-old',
          riskOfBias: RiskOfBias.NOT_ASSESSED,
          riskOfBiasReason: null,
        });
      } finally {
        await store.close();
      }
    } finally {
      cleanup();
    }
  });
});

describe('SQLite migration 8 (indirectness of links, conditions of study populations)', () => {
  it('reads links and studies written before it as recording no difference and no conditions', async () => {
    const { file, cleanup } = tempDbPath();
    try {
      const db = new Database(file);
      for (const m of MIGRATIONS.filter((x) => x.version <= 7)) db.exec(m.sql);
      db.pragma('user_version = 7');
      db.exec(`
        INSERT INTO nodes (id, type) VALUES ('study-old', 'STUDY'), ('claim-old', 'CLAIM');
        INSERT INTO studies (id, title, authors, design, retracted, created_at, updated_at, version)
          VALUES ('study-old', 'Old study', '["Roe R"]', 'RCT', 0, '${AT}', '${AT}', 1);
        INSERT INTO claims (id, text, kind, review_status, created_at, updated_at, version)
          VALUES ('claim-old', 'Old claim', 'EFFICACY', 'ACCEPTED', '${AT}', '${AT}', 1);
        INSERT INTO evidence_links (id, study_id, claim_id, relation, added_by, created_at, updated_at, version, review_status)
          VALUES ('ev-old', 'study-old', 'claim-old', 'SUPPORTS', 'seed', '${AT}', '${AT}', 1, 'ACCEPTED');
      `);
      db.close();

      const store = createSqliteStore(file);
      await store.init();
      try {
        expect((await store.getStudies(['study-old']))[0].populationConditionIds).toEqual([]);
        expect((await store.getEvidenceLinks(['ev-old']))[0]).toMatchObject({
          id: 'ev-old',
          indirectness: [],
        });
      } finally {
        await store.close();
      }
    } finally {
      cleanup();
    }
  });
});
