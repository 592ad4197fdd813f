import neo4j from 'neo4j-driver';
import { NodeType } from '../../graphql.schema';
import { StudyReads, StudyStore } from '../ports';
import { insertStudyNamingHolder } from '../study-holder';
import { dedupe, getByIds, insertOne, nodes, pageOf, rewrite, versioned } from './neo4j.cypher';
import { Neo4jExecutor } from './neo4j.executor';

/** Studies; DOI and PMID are unique by constraint (see neo4j.schema.ts). */
export function neo4jStudies(x: Neo4jExecutor): StudyStore {
  const studiesWhere = (where: string, values: unknown[]) =>
    x.readFor(values, (on) =>
      nodes(on, NodeType.STUDY, `MATCH (n:Study) WHERE ${where}`, { values }, 'ORDER BY n.id'),
    );
  const studyWhere = async (where: string, value: string) => {
    const found = await nodes(x, NodeType.STUDY, `MATCH (n:Study) WHERE ${where}`, { value });
    return found[0] ?? null;
  };

  const reads: StudyReads = {
    getStudies: (ids) => getByIds(x, NodeType.STUDY, ids),

    findStudyByDoi: (doi) => studyWhere('n.doi = $value', doi),

    findStudyByPmid: (pmid) => studyWhere('n.pmid = $value', pmid),

    listStudies(page, q) {
      const where = ['true'];
      if (q.design !== undefined) where.push('n.design = $design');
      if (q.yearFrom !== undefined) where.push('n.year >= $yearFrom');
      if (q.yearTo !== undefined) where.push('n.year <= $yearTo');
      if (q.retracted !== undefined) where.push('n.retracted = $retracted');
      if (q.titleContains) where.push('toLower(n.title) CONTAINS $titleContains');
      const filter = where.join(' AND ');
      const params = {
        design: q.design ?? null,
        yearFrom: q.yearFrom ?? null,
        yearTo: q.yearTo ?? null,
        retracted: q.retracted ?? null,
        titleContains: q.titleContains?.toLowerCase() ?? null,
        after: page.after ?? null,
        limit: neo4j.int(page.limit + 1),
      };
      return pageOf(
        x,
        NodeType.STUDY,
        `MATCH (n:Study) WHERE ${filter}`,
        `MATCH (n:Study) WHERE ${filter} ${page.after ? 'AND n.id > $after' : ''}`,
        params,
        'ORDER BY n.id LIMIT $limit',
        page.limit,
      );
    },

    findStudiesByDois: (dois) => studiesWhere('n.doi IN $values', dedupe(dois)),

    findStudiesByPmids: (pmids) => studiesWhere('n.pmid IN $values', dedupe(pmids)),

    // Whole years go over as integers (a JS number would be a float); others match nothing.
    studiesByYears: (years) =>
      studiesWhere(
        'n.year IN $values',
        [...new Set(years)].map((y) => (Number.isSafeInteger(y) ? neo4j.int(y) : y)),
      ),
  };

  return {
    ...reads,

    async createStudy(record, audit) {
      await insertStudyNamingHolder(reads, record, () =>
        insertOne(x, NodeType.STUDY, record, audit),
      );
      return (await reads.getStudies([record.id]))[0];
    },

    updateStudy: (id, expectedVersion, patch, at, audit) =>
      versioned(x, NodeType.STUDY, id, expectedVersion, audit, (tx) =>
        rewrite(tx, NodeType.STUDY, id, patch, at),
      ),
  };
}
