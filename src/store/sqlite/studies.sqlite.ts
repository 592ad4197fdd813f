/** Studies: the published research evidence links point at. DOI and PMID are unique. */
import { NodeType } from '../../graphql.schema';
import type { StudyRecord, StudyStore } from '../ports';
import { insertStudyNamingHolder } from '../study-holder';
import { SqliteExecutor, Where } from './sqlite.executor';
import * as rows from './sqlite.rows';

export function getStudies(db: SqliteExecutor, ids: readonly string[]): StudyRecord[] {
  return db.rowsByIds('studies', ids).map(rows.study);
}

export function insertStudy(db: SqliteExecutor, s: StudyRecord): void {
  db.registerNode(s.id, NodeType.STUDY);
  db.sql(
    `INSERT INTO studies (id, title, authors, year, journal, doi, pmid, design, sample_size, population, finding,
                              risk_of_bias, risk_of_bias_reason, population_condition_ids, retracted, retraction_date, retraction_note, created_at, updated_at, version)
         VALUES (@id, @title, @authors, @year, @journal, @doi, @pmid, @design, @sampleSize, @population, @finding,
                 @riskOfBias, @riskOfBiasReason, @populationConditionIds, @retracted, @retractionDate, @retractionNote, @createdAt, @updatedAt, @version)`,
  ).run(rows.studyParams(s));
  db.index(NodeType.STUDY, s);
}

function studyWhere(db: SqliteExecutor, column: 'doi' | 'pmid', value: string): StudyRecord | null {
  const r = db.sql(`SELECT * FROM studies WHERE ${column} = ?`).get(value) as rows.Row | undefined;
  return r ? rows.study(r) : null;
}

export function sqliteStudies(db: SqliteExecutor): StudyStore {
  const store: StudyStore = {
    getStudies: async (ids) => getStudies(db, ids),
    findStudyByDoi: async (doi) => studyWhere(db, 'doi', doi),
    findStudyByPmid: async (pmid) => studyWhere(db, 'pmid', pmid),

    async listStudies(page, q) {
      const where = new Where();
      where.and('design = ?', q.design);
      where.and('year >= ?', q.yearFrom);
      where.and('year <= ?', q.yearTo);
      where.and('retracted = ?', q.retracted === undefined ? undefined : Number(q.retracted));
      where.and('instr(ulower(title), ?) > 0', q.titleContains?.toLowerCase() || undefined);
      const { sql: filter, params } = where;
      const total = (
        db.sql(`SELECT count(*) AS n FROM studies ${filter}`).get(...params) as { n: number }
      ).n;
      const after = page.after ? `${filter ? 'AND' : 'WHERE'} id > ?` : '';
      const found = db
        .sql(`SELECT * FROM studies ${filter} ${after} ORDER BY id LIMIT ?`)
        .all(...params, ...(page.after ? [page.after] : []), page.limit + 1) as rows.Row[];
      return {
        items: found.slice(0, page.limit).map(rows.study),
        totalCount: total,
        hasNextPage: found.length > page.limit,
      };
    },

    async findStudiesByDois(dois) {
      return db.rowsWhereIn('studies', 'doi', dois, 'id').map(rows.study);
    },

    async findStudiesByPmids(pmids) {
      return db.rowsWhereIn('studies', 'pmid', pmids, 'id').map(rows.study);
    },

    async studiesByYears(years) {
      if (years.length === 0) return [];
      return (
        db
          .sql('SELECT * FROM studies WHERE year IN (SELECT value FROM json_each(?)) ORDER BY id')
          .all(JSON.stringify([...new Set(years)])) as rows.Row[]
      ).map(rows.study);
    },

    async createStudy(record, audit) {
      await insertStudyNamingHolder(store, record, async () =>
        db.writeAudited(audit, () => insertStudy(db, record)),
      );
      return getStudies(db, [record.id])[0];
    },

    updateStudy: async (id, expectedVersion, patch, at, audit) => {
      const set = `risk_of_bias = coalesce(@riskOfBias, risk_of_bias),
             risk_of_bias_reason = CASE WHEN @setReason THEN @riskOfBiasReason ELSE risk_of_bias_reason END`;
      const params = {
        riskOfBias: patch.riskOfBias ?? null,
        setReason: patch.riskOfBiasReason !== undefined ? 1 : 0,
        riskOfBiasReason: patch.riskOfBiasReason ?? null,
      };
      const change = { id, expectedVersion, at, set, params };
      return db.versioned('studies', change, () => getStudies(db, [id]), audit);
    },
  };
  return store;
}
