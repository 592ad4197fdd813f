/**
 * Search that does not scan (issue 13 item 3), over SQLite: the count SearchService reports is
 * exact up to the 500 hits that can be paged, else 500 flagged as a lower bound; and migration 9
 * (the prefix index) keeps what was indexed, found as before.
 */
import Database from 'better-sqlite3';
import { SEARCH_CANDIDATES, SearchService } from '../../src/search/search.service';
import { SEARCH_FORMAT } from '../../src/store/searchable-text';
import { MIGRATIONS } from '../../src/store/sqlite/sqlite.migrations';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store';
import * as f from '../support/fixtures';
import { tempDbPath } from '../support/temp-sqlite';
import { MediumApp, mediumApp, seed } from './medium-app';

const AT = '2025-01-02T03:04:05.000Z';

describe('search counts', () => {
  let app: MediumApp;
  beforeAll(async () => {
    app = await mediumApp();
    await seed(app.store, {
      claims: Array.from({ length: SEARCH_CANDIDATES + 1 }, (_, i) =>
        f.claim({ id: `claim-${String(i).padStart(4, '0')}`, text: `Omega eases pain ${i}` }),
      ),
    });
  });
  afterAll(() => app.close());

  it('are exact up to the cap', async () => {
    const search = app.get(SearchService);
    const r = await search.search('omega 499', null, 10, null, app.scope());
    expect(r).toMatchObject({ totalCount: 1, totalCountIsEstimate: false });
    expect(r.edges.map((e) => e.node.label)).toEqual(['Omega eases pain 499']);
  });

  it('above the cap say the cap, flagged, and page up to it', async () => {
    const search = app.get(SearchService);
    const r = await search.search('omega', null, 100, null, app.scope());
    expect(r).toMatchObject({ totalCount: SEARCH_CANDIDATES, totalCountIsEstimate: true });
    expect(r.pageInfo.hasNextPage).toBe(true);
    expect(r.edges).toHaveLength(100);
  });
});

describe('SQLite migration 9 (search prefix index)', () => {
  it('keeps what was indexed: found by prefixes and word forms, ranked by the configured weights', async () => {
    const { file, cleanup } = tempDbPath();
    try {
      const db = new Database(file);
      for (const m of MIGRATIONS.filter((x) => x.version <= 8)) db.exec(m.sql);
      db.pragma('user_version = 8');
      db.exec(`
        INSERT INTO nodes (id, type) VALUES ('claim-old', 'CLAIM'), ('mig', 'CONDITION');
        INSERT INTO claims (id, text, kind, review_status, created_at, updated_at, version)
          VALUES ('claim-old', 'Ketamine infusion relieves migraine', 'EFFICACY', 'ACCEPTED', '${AT}', '${AT}', 1);
        INSERT INTO conditions (id, name, synonyms, codes, created_at, updated_at, version)
          VALUES ('mig', 'Migraine', '[]', '[]', '${AT}', '${AT}', 1);
        INSERT INTO search_index (rowid, id, type, label, body, label_words, body_words, stems)
          VALUES ((SELECT rowid FROM nodes WHERE id = 'claim-old'), 'claim-old', 'CLAIM',
                  'Ketamine infusion relieves migraine', 'Ketamine infusion relieves migraine',
                  'ketamine infusion relieves migraine', 'ketamine infusion relieves migraine',
                  'ketamin infus reliev'),
                 ((SELECT rowid FROM nodes WHERE id = 'mig'), 'mig', 'CONDITION', 'Migraine', '',
                  'migraine', '', 'migrain');
        INSERT INTO search_format (singleton, version) VALUES (1, ${SEARCH_FORMAT});
      `);
      db.close();

      const store = createSqliteStore(file);
      await store.init();
      try {
        const ids = async (terms: string[]) =>
          (await store.search({ terms, limit: 10, offset: 0 })).hits.map((h) => h.id);
        expect(await ids(['infusions', 'migraines'])).toEqual(['claim-old']);
        expect(await ids(['ke'])).toEqual(['claim-old']);
        // The heading's word (label 4) above the same word in a claim's text (label and body).
        expect(await ids(['migraine'])).toEqual(['mig', 'claim-old']);
      } finally {
        await store.close();
      }
      const after = new Database(file, { readonly: true });
      try {
        const { sql } = after
          .prepare("SELECT sql FROM sqlite_master WHERE name = 'search_index'")
          .get() as { sql: string };
        expect(sql).toContain("prefix = '2 3'");
      } finally {
        after.close();
      }
    } finally {
      cleanup();
    }
  });
});
