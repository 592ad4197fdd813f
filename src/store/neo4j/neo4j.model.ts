/**
 * The graph model of the Neo4j store: every node is (:Entity:<Type> {id, type, ...fields});
 * references are relationships the node owns (outgoing); evidence links are
 * (Study)-[:EVIDENCE]->(Claim) relationships and citations (citing:Study)-[:CITES]->(cited:Study).
 * Notices, revisions and API tokens are records without :Entity (see the areas that own them).
 * This file says which relationships stand for which record fields, and how a record is read
 * back from them (the projections).
 */
import { NodeType } from '../../graphql.schema';
import type {
  ClaimPatch,
  ClaimRecord,
  ConditionRecord,
  GapRecord,
  NodeRecords,
  StatementRecord,
} from '../ports';
import { fieldsOf, isRef } from '../record-fields';
import * as records from './neo4j.records';
import { Props } from './neo4j.records';

/** Relationships a node owns (outgoing), each pointing at one type of node. */
export type RelType =
  | 'IN_SOURCE'
  | 'STATES'
  | 'ABOUT'
  | 'VIA'
  | 'USES'
  | 'BROADER'
  | 'GAP_OF'
  | 'CONCERNS'
  | 'ADDRESSED_BY';

export const TARGET: Record<RelType, NodeType> = {
  IN_SOURCE: NodeType.SOURCE,
  STATES: NodeType.CLAIM,
  ABOUT: NodeType.CONDITION,
  VIA: NodeType.MECHANISM,
  USES: NodeType.INTERVENTION,
  BROADER: NodeType.CONDITION,
  GAP_OF: NodeType.CLAIM,
  CONCERNS: NodeType.STATEMENT,
  ADDRESSED_BY: NodeType.STUDY,
};
export const OWNED_RELS = Object.keys(TARGET) as RelType[];

/** One outgoing relationship to create; field names the record field for MissingReferenceError. */
export interface Link {
  rel: RelType;
  from: string;
  to: string;
  field: string;
  position?: number;
}

const positioned = (rel: RelType, from: string, ids: string[], field: string): Link[] =>
  ids.map((to, position) => ({ rel, from, to, field, position }));

export const optional = (rel: RelType, from: string, to: string | null, field: string): Link[] =>
  to === null ? [] : [{ rel, from, to, field }];

/** A claim's links for the fields given (all of them for a whole record, some for a patch). */
export function claimLinks(
  id: string,
  c: Pick<ClaimPatch, 'conditionIds' | 'mechanismIds' | 'interventionId'>,
): { rels: RelType[]; links: Link[] } {
  const rels: RelType[] = [];
  const links: Link[] = [];
  if (c.conditionIds) {
    rels.push('ABOUT');
    links.push(...positioned('ABOUT', id, c.conditionIds, 'conditionIds'));
  }
  if (c.mechanismIds) {
    rels.push('VIA');
    links.push(...positioned('VIA', id, c.mechanismIds, 'mechanismIds'));
  }
  if (c.interventionId !== undefined) {
    rels.push('USES');
    links.push(...optional('USES', id, c.interventionId, 'interventionId'));
  }
  return { rels, links };
}

/** Every reference of a whole record, as relationships. */
export function linksOf(type: NodeType, r: object): Link[] {
  switch (type) {
    case NodeType.STATEMENT: {
      const s = r as StatementRecord;
      return [
        { rel: 'IN_SOURCE', from: s.id, to: s.sourceId, field: 'sourceId' },
        { rel: 'STATES', from: s.id, to: s.claimId, field: 'claimId' },
      ];
    }
    case NodeType.CLAIM:
      return claimLinks((r as ClaimRecord).id, r as ClaimRecord).links;
    case NodeType.CONDITION: {
      const c = r as ConditionRecord;
      return c.broaderIds.map((to) => ({ rel: 'BROADER', from: c.id, to, field: 'broaderIds' }));
    }
    case NodeType.EVIDENCE_GAP: {
      const g = r as GapRecord;
      return [
        { rel: 'GAP_OF', from: g.id, to: g.claimId, field: 'claimId' },
        ...optional('CONCERNS', g.id, g.statementId, 'statementId'),
        ...optional('ADDRESSED_BY', g.id, g.addressedById, 'addressedById'),
      ];
    }
    default:
      return [];
  }
}

/**
 * The reference fields of each type, read back from relationships into the record's own names.
 * Claim conditions and mechanisms keep their order (position); broader ids are ordered by id.
 */
const REF_FIELDS: Partial<Record<NodeType, Record<string, string>>> = {
  [NodeType.STATEMENT]: {
    sourceId: 'head([(n)-[:IN_SOURCE]->(x) | x.id])',
    claimId: 'head([(n)-[:STATES]->(x) | x.id])',
  },
  [NodeType.CLAIM]: {
    interventionId: 'head([(n)-[:USES]->(x) | x.id])',
    conditionIds: 'COLLECT { MATCH (n)-[r:ABOUT]->(x) RETURN x.id ORDER BY r.position }',
    mechanismIds: 'COLLECT { MATCH (n)-[r:VIA]->(x) RETURN x.id ORDER BY r.position }',
  },
  [NodeType.CONDITION]: {
    broaderIds: 'COLLECT { MATCH (n)-[:BROADER]->(x) RETURN x.id ORDER BY x.id }',
  },
  [NodeType.EVIDENCE_GAP]: {
    claimId: 'head([(n)-[:GAP_OF]->(x) | x.id])',
    statementId: 'head([(n)-[:CONCERNS]->(x) | x.id])',
    addressedById: 'head([(n)-[:ADDRESSED_BY]->(x) | x.id])',
  },
};

/**
 * Stored properties returned per type: the record's own fields (../record-fields.ts) and a study's
 * retraction. Internal ones such as searchBody stay in the database.
 */
function ownFields(type: NodeType): string[] {
  const listed = fieldsOf(records.STORED_KIND[type]).filter(([, kind]) => !isRef(kind));
  const retraction =
    type === NodeType.STUDY ? ['retracted', 'retractionDate', 'retractionNote'] : [];
  return [...listed.map(([field]) => field), ...retraction];
}

/** Map projection of node `n` into the record's shape, for RETURN ... AS p. */
export function projection(type: NodeType): string {
  const own = ownFields(type).map((f) => `.\`${f}\``);
  const refs = Object.entries(REF_FIELDS[type] ?? {}).map(([k, expr]) => `${k}: ${expr}`);
  return `n {${[...own, ...refs].join(', ')}}`;
}

/** Each node type's record from its projection. */
export const FROM_PROPS: { [T in NodeType]: (p: Props) => NodeRecords[T] } = {
  [NodeType.SOURCE]: records.read.source,
  [NodeType.STATEMENT]: records.read.statement,
  [NodeType.CLAIM]: records.claim,
  [NodeType.CONDITION]: records.condition,
  [NodeType.MECHANISM]: records.read.mechanism,
  [NodeType.INTERVENTION]: records.read.intervention,
  [NodeType.STUDY]: records.study,
  [NodeType.EVIDENCE_GAP]: records.gap,
};

export const propsOf = (type: NodeType, r: object) =>
  (records.toProps[type] as (x: object) => Props)(r);

/** Bundle and scan kinds that are nodes, in the order a bundle writes them. */
export const NODE_KINDS = {
  sources: NodeType.SOURCE,
  interventions: NodeType.INTERVENTION,
  conditions: NodeType.CONDITION,
  mechanisms: NodeType.MECHANISM,
  claims: NodeType.CLAIM,
  statements: NodeType.STATEMENT,
  studies: NodeType.STUDY,
  gaps: NodeType.EVIDENCE_GAP,
} as const;

/** An evidence link read from `(s)-[r:EVIDENCE]->(c)`. */
export const EVIDENCE_PROJECTION = 'r {.*, studyId: s.id, claimId: c.id}';

/** A citation read from `(a)-[r:CITES]->(b)`. */
export const CITATION_PROJECTION = 'r {.*, citingId: a.id, citedId: b.id}';

/** A notice read from its node `n`. */
export const NOTICE_PROJECTION = 'n {.*, studyId: head([(s)-[:HAS_NOTICE]->(n) | s.id])}';
