/**
 * Plain lists (fields returning [T] without paging arguments): what the cost estimate assumes each
 * holds, and the most any of them returns.
 *
 * graphql-armor multiplies a field's cost only by a `first`/`last` argument, so a chain of plain
 * lists (sources → statements → claim → statements → source …) was scored as if every list held
 * one item: 189 for a query that answered 144 MB. Each list field here declares its typical size,
 * and measureQuery multiplies by it as by a page size. Sizes are the seeded data's averages
 * rounded up to about twice: 5 sources → 10; a source's statements 25 (at most 35) → 50; a
 * claim's statements and evidence 2 (at most 9) → 5; a condition's claims 2.4 (at most 12) → 10;
 * a study's evidence 2 (at most 8) → 3, so that two citation hops of 20 x 20 studies with their
 * claims (175,000) stay under QUERY_MAX_COST while the 144 MB chain scores 82 million.
 */
import {
  defaultFieldResolver,
  getNamedType,
  getNullableType,
  GraphQLField,
  GraphQLSchema,
  isLeafType,
  isListType,
  isObjectType,
} from 'graphql';

/** Typical size of every list of objects, as `Type.field`; a unit test keeps it complete. */
export const LIST_SIZES: Readonly<Record<string, number>> = {
  'Query.sources': 10,
  'Query.mechanisms': 50,
  'Query.interventions': 50,
  'Query.tokens': 50,
  'Query.paths': 10,
  // Its own `first` (default 10) bounds it; graphql-armor multiplies by that when given.
  'Query.similarClaims': 10,
  // A source's suggested statements: about one per claim-making sentence (seeds: 11 to 35).
  'Query.suggestStatements': 50,
  'StatementSuggestion.conditions': 3,
  'StatementSuggestion.mechanisms': 3,
  // At most MAX_CANDIDATES (5).
  'StatementSuggestion.claimCandidates': 5,
  'Source.statements': 50,
  'Claim.conditions': 3,
  'Claim.mechanisms': 3,
  'Claim.statements': 5,
  'Claim.evidence': 5,
  'Claim.gaps': 3,
  'Condition.codes': 3,
  'Condition.broader': 3,
  'Condition.narrower': 10,
  'Condition.claims': 10,
  'Mechanism.claims': 5,
  'Study.notices': 3,
  'Study.evidence': 3,
  'Study.populationConditions': 2,
  // One entry per domain at most (five); most links record none.
  'EvidenceLink.indirectness': 1,
  'ClaimEvidence.supporting': 5,
  'ClaimEvidence.contradicting': 5,
  'ClaimEvidence.mentioning': 5,
  'ClaimEvidence.statements': 5,
  'ClaimEvidence.gaps': 3,
  'ClaimEvidence.conditions': 3,
  // GRADE's five domains, always exactly five.
  'ClaimEvidence.domains': 5,
  'Assessment.domains': 5,
  'ReportSummary.byStatus': 4,
  'ReportSummary.byGrade': 5,
  'EvidenceReport.conditionsIncluded': 10,
  'EvidenceReport.claims': 20,
  'EvidenceReport.gaps': 20,
  'GraphSlice.nodes': 200,
  'GraphSlice.edges': 200,
  'GraphPath.nodes': 7,
  'GraphPath.edges': 6,
  'RetractionImpact.claims': 20,
  'RetractionImpact.citingStudies': 50,
  'ImportReport.records': 100,
  // A source's review items: a page's statements, claims, links and gaps (at most 500).
  'Mutation.reviewChanges': 50,
  // One item per claim, statement, link and gap of a source's curation (at most 500 of each).
  'ImportCurationResult.items': 50,
  'Revision.changes': 10,
};

/** A list field missing from LIST_SIZES (a new one) still counts, as this many. */
export const DEFAULT_LIST_SIZE = 20;

/** A connection's `edges` are its page: the connection's `first` already counts them. */
const isEdgesOfConnection = (typeName: string, field: string) =>
  field === 'edges' && typeName.endsWith('Connection');

/** A list of objects that the cost estimate must multiply (lists of scalars cost per item anyway). */
export function isPlainObjectList(
  typeName: string,
  field: GraphQLField<unknown, unknown>,
): boolean {
  if (typeName.startsWith('__') || isEdgesOfConnection(typeName, field.name)) return false;
  return isListType(getNullableType(field.type)) && !isLeafType(getNamedType(field.type));
}

/** The declared typical size of a plain list field. */
export function listSize(typeName: string, fieldName: string): number {
  return LIST_SIZES[`${typeName}.${fieldName}`] ?? DEFAULT_LIST_SIZE;
}

/**
 * Caps every plain list of the schema at `max` items (LIST_MAX_ITEMS, 500 by default: far above
 * the seeded data's longest list, 35 statements of a source), whichever resolver (or none) fills
 * it: one wrapper per field, so no resolver has to remember. Used as Nest's transformSchema.
 * Connections page instead (`first` at most 100); `/export` has everything.
 */
export function capPlainLists(schema: GraphQLSchema, max: number): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (!isPlainObjectList(type.name, field)) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        const value = resolve(source, args, context, info);
        return value instanceof Promise ? value.then((v) => cut(v, max)) : cut(value, max);
      };
    }
  }
  return schema;
}

function cut(value: unknown, max: number): unknown {
  return Array.isArray(value) && value.length > max ? value.slice(0, max) : value;
}
