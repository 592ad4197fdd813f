/**
 * The controlled vocabulary: conditions (a hierarchy in condition_broader), mechanisms and
 * interventions. Names and synonyms are also kept normalised in `labels` for lookups.
 */
import { normaliseName } from '../../common/text';
import { NodeType } from '../../graphql.schema';
import type {
  ConditionRecord,
  InterventionRecord,
  MechanismRecord,
  VocabularyStore,
} from '../ports';
import type { SqliteExecutor } from './sqlite.executor';
import * as rows from './sqlite.rows';

function conditionsFromRows(db: SqliteExecutor, found: rows.Row[]): ConditionRecord[] {
  const broader = new Map<string, string[]>();
  for (const r of db.byIds(
    'SELECT narrower_id, broader_id FROM condition_broader WHERE narrower_id IN (SELECT value FROM json_each(?)) ORDER BY narrower_id, broader_id',
    found.map((r) => r.id as string),
  )) {
    const list = broader.get(r.narrower_id as string) ?? [];
    list.push(r.broader_id as string);
    broader.set(r.narrower_id as string, list);
  }
  return found.map((r) => rows.condition(r, broader.get(r.id as string) ?? []));
}

export function getConditions(db: SqliteExecutor, ids: readonly string[]): ConditionRecord[] {
  return conditionsFromRows(db, db.rowsByIds('conditions', ids));
}

export function getMechanisms(db: SqliteExecutor, ids: readonly string[]): MechanismRecord[] {
  return db.rowsByIds('mechanisms', ids).map(rows.read.mechanism);
}

export function getInterventions(db: SqliteExecutor, ids: readonly string[]): InterventionRecord[] {
  return db.rowsByIds('interventions', ids).map(rows.read.intervention);
}

export function insertCondition(db: SqliteExecutor, c: ConditionRecord): void {
  db.registerNode(c.id, NodeType.CONDITION);
  db.sql(
    `INSERT INTO conditions (id, name, synonyms, codes, description, created_at, updated_at, version)
         VALUES (@id, @name, @synonyms, @codes, @description, @createdAt, @updatedAt, @version)`,
  ).run({ ...c, synonyms: JSON.stringify(c.synonyms), codes: JSON.stringify(c.codes) });
  db.setLabels(c.id, [c.name, ...c.synonyms]);
  db.index(NodeType.CONDITION, c);
}

/** A condition's broader links; written once every condition they name exists. */
export function setBroader(db: SqliteExecutor, c: ConditionRecord): void {
  db.sql('DELETE FROM condition_broader WHERE narrower_id = ?').run(c.id);
  const ins = db.sql('INSERT INTO condition_broader (narrower_id, broader_id) VALUES (?, ?)');
  for (const b of c.broaderIds) ins.run(c.id, b);
}

export function insertMechanism(db: SqliteExecutor, m: MechanismRecord): void {
  db.registerNode(m.id, NodeType.MECHANISM);
  db.sql(
    `INSERT INTO mechanisms (id, name, synonyms, description, created_at, updated_at, version)
         VALUES (@id, @name, @synonyms, @description, @createdAt, @updatedAt, @version)`,
  ).run({ ...m, synonyms: JSON.stringify(m.synonyms) });
  db.setLabels(m.id, [m.name, ...m.synonyms]);
  db.index(NodeType.MECHANISM, m);
}

export function insertIntervention(db: SqliteExecutor, i: InterventionRecord): void {
  db.registerNode(i.id, NodeType.INTERVENTION);
  db.sql(
    `INSERT INTO interventions (id, name, drug, route, created_at, updated_at, version)
         VALUES (@id, @name, @drug, @route, @createdAt, @updatedAt, @version)`,
  ).run(i);
  db.index(NodeType.INTERVENTION, i);
}

export function sqliteVocabulary(db: SqliteExecutor): VocabularyStore {
  return {
    getConditions: async (ids) => getConditions(db, ids),

    async listConditions(page, search) {
      const filter = search
        ? `WHERE c.id IN (SELECT owner_id FROM labels WHERE instr(label, ?) > 0)`
        : '';
      const filterParams = search ? [normaliseName(search)] : [];
      const total = (
        db.sql(`SELECT count(*) AS n FROM conditions c ${filter}`).get(...filterParams) as {
          n: number;
        }
      ).n;
      const after = page.after
        ? `${filter ? 'AND' : 'WHERE'} (lower(c.name), c.id) > (SELECT lower(name), id FROM conditions WHERE id = ?)`
        : '';
      const afterParams = page.after ? [page.after] : [];
      const found = db
        .sql(`SELECT c.* FROM conditions c ${filter} ${after} ORDER BY lower(c.name), c.id LIMIT ?`)
        .all(...filterParams, ...afterParams, page.limit + 1) as rows.Row[];
      return {
        items: conditionsFromRows(db, found.slice(0, page.limit)),
        totalCount: total,
        hasNextPage: found.length > page.limit,
      };
    },

    async findConditionsByName(label) {
      const found = db
        .sql(
          'SELECT c.* FROM conditions c WHERE c.id IN (SELECT owner_id FROM labels WHERE label = ?) ORDER BY c.id',
        )
        .all(normaliseName(label)) as rows.Row[];
      return conditionsFromRows(db, found);
    },

    async conditionNames() {
      return (
        db.sql('SELECT id, name, synonyms FROM conditions ORDER BY id').all() as rows.Row[]
      ).map((r) => ({
        id: r.id as string,
        name: r.name as string,
        synonyms: JSON.parse(r.synonyms as string) as string[],
      }));
    },

    async narrowerConditions(rootIds, maxDepth) {
      if (rootIds.length === 0) return [];
      // Recursive CTE bounded by depth; UNION (not ALL) stops cycles, MIN(depth) keeps the shortest.
      const found = db
        .sql(
          `WITH RECURSIVE down(id, depth) AS (
           SELECT value, 0 FROM json_each(?)
           UNION
           SELECT b.narrower_id, d.depth + 1 FROM condition_broader b JOIN down d ON b.broader_id = d.id
           WHERE d.depth < ?
         )
         SELECT id, MIN(depth) AS depth FROM down
         WHERE id NOT IN (SELECT value FROM json_each(?))
         GROUP BY id ORDER BY depth, id`,
        )
        .all(JSON.stringify(rootIds), maxDepth, JSON.stringify(rootIds)) as rows.Row[];
      return found.map((r) => ({ id: r.id as string, depth: r.depth as number }));
    },

    async narrowerPairs(parentIds) {
      return db
        .byIds(
          'SELECT broader_id, narrower_id FROM condition_broader WHERE broader_id IN (SELECT value FROM json_each(?)) ORDER BY broader_id, narrower_id',
          parentIds,
        )
        .map((r): [string, string] => [r.broader_id as string, r.narrower_id as string]);
    },

    getMechanisms: async (ids) => getMechanisms(db, ids),

    async listMechanisms() {
      return (db.sql('SELECT * FROM mechanisms ORDER BY lower(name), id').all() as rows.Row[]).map(
        rows.read.mechanism,
      );
    },

    async findMechanismsByName(label) {
      return (
        db
          .sql(
            'SELECT m.* FROM mechanisms m WHERE m.id IN (SELECT owner_id FROM labels WHERE label = ?) ORDER BY m.id',
          )
          .all(normaliseName(label)) as rows.Row[]
      ).map(rows.read.mechanism);
    },

    getInterventions: async (ids) => getInterventions(db, ids),

    async listInterventions() {
      return (
        db.sql('SELECT * FROM interventions ORDER BY lower(name), id').all() as rows.Row[]
      ).map(rows.read.intervention);
    },

    async createCondition(record, audit) {
      db.writeAudited(audit, () => {
        insertCondition(db, record);
        setBroader(db, record);
      });
      return getConditions(db, [record.id])[0];
    },

    async createMechanism(record, audit) {
      db.writeAudited(audit, () => insertMechanism(db, record));
      return getMechanisms(db, [record.id])[0];
    },

    updateCondition: async (id, expectedVersion, patch, at, audit) => {
      const set = `name = coalesce(@name, name), synonyms = coalesce(@synonyms, synonyms),
             codes = coalesce(@codes, codes)`;
      const params = {
        name: patch.name ?? null,
        synonyms: patch.synonyms ? JSON.stringify(patch.synonyms) : null,
        codes: patch.codes ? JSON.stringify(patch.codes) : null,
      };
      const follow = () => {
        const c = getConditions(db, [id])[0];
        if (patch.broaderIds) setBroader(db, { ...c, broaderIds: patch.broaderIds });
        // What it is found and searched by follows the names as now stored.
        db.setLabels(id, [c.name, ...c.synonyms]);
        db.index(NodeType.CONDITION, c);
      };
      const change = { id, expectedVersion, at, set, params };
      return db.versioned('conditions', change, () => getConditions(db, [id]), audit, follow);
    },

    updateMechanism: async (id, expectedVersion, patch, at, audit) => {
      const set = 'name = coalesce(@name, name), synonyms = coalesce(@synonyms, synonyms)';
      const params = {
        name: patch.name ?? null,
        synonyms: patch.synonyms ? JSON.stringify(patch.synonyms) : null,
      };
      const follow = () => {
        const m = getMechanisms(db, [id])[0];
        db.setLabels(id, [m.name, ...m.synonyms]);
        db.index(NodeType.MECHANISM, m);
      };
      const change = { id, expectedVersion, at, set, params };
      return db.versioned('mechanisms', change, () => getMechanisms(db, [id]), audit, follow);
    },

    async createIntervention(record, audit) {
      db.writeAudited(audit, () => insertIntervention(db, record));
      return getInterventions(db, [record.id])[0];
    },
  };
}
