/**
 * Upgrading a SQLite file written before search stemmed words (migration 5): the index is rebuilt
 * at start from the records, so existing nodes are found by their word forms; and it is rebuilt
 * only when the format it was written in differs.
 */
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../src/store/sqlite/sqlite.migrations';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store';
import { SEARCH_FORMAT } from '../../src/store/searchable-text';
import { tempDbPath } from '../support/temp-sqlite';

const AT = '2025-01-02T03:04:05.000Z';

describe('SQLite migration 5 (search over stemmed words)', () => {
  it('re-indexes what was there, so plurals find it', async () => {
    const { file, cleanup } = tempDbPath();
    try {
      const db = new Database(file);
      for (const m of MIGRATIONS.filter((x) => x.version <= 4)) db.exec(m.sql);
      db.pragma('user_version = 4');
      db.exec(`
        INSERT INTO nodes (id, type) VALUES ('claim-old', 'CLAIM');
        INSERT INTO claims (id, text, kind, review_status, created_at, updated_at, version)
          VALUES ('claim-old', 'Ketamine infusion relieves migraine', 'EFFICACY', 'ACCEPTED', '${AT}', '${AT}', 1);
        INSERT INTO search_index (rowid, id, type, label, body)
          VALUES ((SELECT rowid FROM nodes WHERE id = 'claim-old'), 'claim-old', 'CLAIM',
                  'Ketamine infusion relieves migraine', 'Ketamine infusion relieves migraine');
      `);
      db.close();

      const store = createSqliteStore(file);
      await store.init();
      try {
        const found = await store.search({
          terms: ['infusions', 'migraines'],
          limit: 10,
          offset: 0,
        });
        expect(found.hits).toEqual([
          expect.objectContaining({
            id: 'claim-old',
            label: 'Ketamine infusion relieves migraine',
            body: 'Ketamine infusion relieves migraine',
          }),
        ]);
      } finally {
        await store.close();
      }
      const after = new Database(file);
      try {
        expect(after.prepare('SELECT version FROM search_format').get()).toEqual({
          version: SEARCH_FORMAT,
        });
      } finally {
        after.close();
      }
    } finally {
      cleanup();
    }
  });

  it('leaves a current index alone at start', async () => {
    const { file, cleanup } = tempDbPath();
    try {
      const store = createSqliteStore(file);
      await store.init();
      await store.close();
      // A row only a rebuild would drop: its node has no record.
      const db = new Database(file);
      db.exec(`
        INSERT INTO nodes (id, type) VALUES ('ghost', 'CLAIM');
        INSERT INTO search_index (rowid, id, type, label, body, label_words, body_words, stems)
          VALUES ((SELECT rowid FROM nodes WHERE id = 'ghost'), 'ghost', 'CLAIM', 'Ghost', 'Ghost', 'ghost', 'ghost', '');
      `);
      db.close();
      const reopened = createSqliteStore(file);
      await reopened.init();
      try {
        expect(
          (await reopened.search({ terms: ['ghost'], limit: 10, offset: 0 })).hits.map((h) => h.id),
        ).toEqual(['ghost']);
      } finally {
        await reopened.close();
      }
    } finally {
      cleanup();
    }
  });
});
