/**
 * Longest string a query argument may carry, checked for the operation that runs before anything
 * executes. A 1 MB condition name took 1.3 s in the near-name suggester (fifteen aliases 13 s);
 * no name, id or search needs more than a few hundred characters.
 *
 * Mutation inputs are not checked here: their DTOs (class-validator) give each field its own
 * maximum (free text up to 1,000,000 characters) and name it the same way.
 */
import {
  DocumentNode,
  FieldNode,
  getNullableType,
  GraphQLError,
  GraphQLInputType,
  GraphQLSchema,
  isInputObjectType,
  isListType,
  Kind,
  OperationDefinitionNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { getArgumentValues, getVariableValues } from 'graphql/execution/values';
import { HeaderMap } from '@apollo/server';
import { DomainError } from '../common/domain-error';
import { LIMITS } from '../common/validation';

/** Names, ids, cursors, DOIs: the longest seeded id is under 80 characters. */
export const MAX_NAME_LENGTH = 200;
/** Words to search for (search text, a condition list's search, words in a study's title). */
export const MAX_SEARCH_LENGTH = 1000;

/** Arguments (`Type.field.argument`) and filter fields (`Input.field`) holding search text. */
const SEARCH_TEXT = new Set([
  'Query.search.text',
  'Query.conditions.search',
  'StudyFilter.title',
  // Words a claim's text contains.
  'ClaimFilter.text',
]);

/** Arguments holding a whole claim's text (to find claims like it): as long as a claim may be. */
const CLAIM_TEXT = new Set(['Query.similarClaims.text']);

/** The maximum for one argument or filter field. */
export function maxLengthOf(path: string): number {
  if (CLAIM_TEXT.has(path)) return LIMITS.claimText;
  return SEARCH_TEXT.has(path) ? MAX_SEARCH_LENGTH : MAX_NAME_LENGTH;
}

/** BAD_USER_INPUT naming the argument, as the services' own refusals (DomainError.badInput). */
function tooLong(field: string, length: number, max: number): GraphQLError {
  const cause = DomainError.badInput(field, `must be at most ${max} characters (got ${length})`);
  return new GraphQLError(cause.message, {
    originalError: cause,
    extensions: { code: cause.code, http: { status: 400, headers: new HeaderMap() } },
  });
}

/** Walks a coerced argument value: strings checked, input objects and lists entered. */
function check(value: unknown, type: GraphQLInputType, field: string, limitKey: string): void {
  if (value === null || value === undefined) return;
  const bare = getNullableType(type);
  if (isListType(bare)) {
    if (Array.isArray(value)) for (const item of value) check(item, bare.ofType, field, limitKey);
    return;
  }
  if (isInputObjectType(bare)) {
    const fields = bare.getFields();
    for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
      const def = fields[name];
      if (def) check(v, def.type, `${field}.${name}`, `${bare.name}.${name}`);
    }
    return;
  }
  if (typeof value === 'string') {
    const max = maxLengthOf(limitKey);
    if (value.length > max) throw tooLong(field, value.length, max);
  }
}

/**
 * Throws BAD_USER_INPUT for the first string argument of the operation over its maximum. Root
 * fields of a mutation are skipped (their inputs are validated field by field by the DTOs).
 */
export function checkArgumentLengths(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown>,
): void {
  const { coerced } = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables);
  if (!coerced) return; // coercion errors are reported by execution, naming the variable
  const typeInfo = new TypeInfo(schema);
  const mutationRoot = schema.getMutationType();
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  const single: DocumentNode = { ...document, definitions: [operation, ...fragments] };
  visit(
    single,
    visitWithTypeInfo(typeInfo, {
      Field(node: FieldNode) {
        const def = typeInfo.getFieldDef();
        const parent = typeInfo.getParentType();
        if (!def || !parent || def.args.length === 0 || parent === mutationRoot) return;
        let values: Record<string, unknown>;
        try {
          values = getArgumentValues(def, node, coerced);
        } catch {
          return; // an invalid argument is execution's to report
        }
        for (const arg of def.args) {
          const key = `${parent.name}.${def.name}.${arg.name}`;
          check(values[arg.name], arg.type, arg.name, key);
        }
      },
    }),
  );
}
