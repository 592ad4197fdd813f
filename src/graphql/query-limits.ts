/**
 * Query limits: depth, aliases, directives and cost measured by graphql-armor's rules, tokens by
 * graphql-js's own parser. A refused query answers HTTP 400 with extensions.code QUERY_TOO_COMPLEX
 * and a message saying which limit, the value found and the maximum.
 */
import { ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  ArgumentNode,
  DocumentNode,
  FieldNode,
  getVariableValues,
  GraphQLError,
  GraphQLFormattedError,
  GraphQLSchema,
  Kind,
  OperationDefinitionNode,
  TypeInfo,
  ValidationContext,
  validate,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { ErrorCode } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { checkArgumentLengths } from './argument-limits';
import { isPlainObjectList, listSize } from './list-limits';

export interface QueryLimits {
  depth: number;
  aliases: number;
  directives: number;
  tokens: number;
  cost: number;
}

export type QueryMetrics = Omit<QueryLimits, 'tokens'>;

export function queryLimits(config: AppConfig): QueryLimits {
  return {
    depth: config.QUERY_MAX_DEPTH,
    aliases: config.QUERY_MAX_ALIASES,
    directives: config.QUERY_MAX_DIRECTIVES,
    tokens: config.QUERY_MAX_TOKENS,
    cost: config.QUERY_MAX_COST,
  };
}

export function queryTooComplex(message: string): GraphQLError {
  return new GraphQLError(`Query too complex: ${message}. Simplify it or split it into several.`, {
    extensions: {
      code: ErrorCode.QUERY_TOO_COMPLEX,
      http: { status: 400, headers: new HeaderMap() },
    },
  });
}

/** A synthetic `first: size` argument, which armor's cost rule multiplies by. */
function sizeArgument(name: string, size: number): ArgumentNode {
  return {
    kind: Kind.ARGUMENT,
    name: { kind: Kind.NAME, value: name },
    value: { kind: Kind.INT, value: String(size) },
  };
}

/**
 * armor's cost rule multiplies a field's cost only by a `first`/`last` written as a literal.
 * Inline the page size the request really gets (a variable's value, or the schema's default when
 * absent), so variables cannot hide a 100 x 100 fan-out; and give every plain list its declared
 * typical size (list-limits.ts), so a chain of lists cannot pass as a chain of single objects.
 * The rewritten document is only measured, never executed.
 */
function withListSizes(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
): DocumentNode {
  const typeInfo = new TypeInfo(schema);
  return visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node: FieldNode): FieldNode | undefined {
        const fieldDef = typeInfo.getFieldDef();
        const parent = typeInfo.getParentType();
        if (!fieldDef || !parent) return undefined;
        const pageArg = fieldDef.args.find((a) => a.name === 'first' || a.name === 'last');
        if (!pageArg) {
          if (!isPlainObjectList(parent.name, fieldDef)) return undefined;
          const size = sizeArgument('first', listSize(parent.name, fieldDef.name));
          return { ...node, arguments: [...(node.arguments ?? []), size] };
        }
        const given = node.arguments?.find((a) => a.name.value === pageArg.name);
        let size: unknown = pageArg.defaultValue;
        if (given) {
          // A literal armor reads itself; a variable we replace by its value.
          if (given.value.kind !== Kind.VARIABLE) return undefined;
          size = variables[given.value.name.value] ?? pageArg.defaultValue;
        }
        if (!Number.isInteger(size)) return undefined;
        return {
          ...node,
          arguments: [
            ...(node.arguments ?? []).filter((a) => a !== given),
            sizeArgument(pageArg.name, size as number),
          ],
        };
      },
    }),
  );
}

/** The operation's depth, aliases, directives and cost, as graphql-armor counts them. */
export function measureQuery(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown> = {},
): QueryMetrics {
  // Only the operation that runs (with every fragment), with its variables' values and defaults.
  const single: DocumentNode = {
    ...document,
    definitions: document.definitions.filter(
      (d) => d.kind !== Kind.OPERATION_DEFINITION || d === operation,
    ),
  };
  const coerced = getVariableValues(
    schema,
    operation.variableDefinitions ?? [],
    rawVariables,
  ).coerced;
  const metrics: QueryMetrics = { depth: 0, aliases: 0, directives: 0, cost: 0 };
  // Infinite limits: the rules only measure, and report through onAccept.
  const measure = (key: keyof QueryMetrics) => ({
    propagateOnRejection: false,
    onAccept: [(_ctx: ValidationContext | null, found: { n: number }) => (metrics[key] = found.n)],
  });
  validate(schema, withListSizes(schema, single, coerced ?? rawVariables), [
    maxDepthRule({ n: Infinity, ...measure('depth') }),
    maxAliasesRule({ n: Infinity, ...measure('aliases') }),
    maxDirectivesRule({ n: Infinity, ...measure('directives') }),
    costLimitRule({ maxCost: Infinity, ...measure('cost') }),
  ]);
  metrics.cost = Math.ceil(metrics.cost);
  return metrics;
}

/** Which limits a query is over, in words; empty when it is within all of them. */
export function overLimits(metrics: QueryMetrics, limits: QueryLimits): string[] {
  return (Object.keys(metrics) as Array<keyof QueryMetrics>)
    .filter((k) => metrics[k] > limits[k])
    .map((k) => `${k} ${metrics[k]} is over the limit of ${limits[k]}`);
}

/** How many variable sets of one document are remembered as within the limits. */
const PASSED_PER_DOCUMENT = 64;
/** The longest variables (as JSON) remembered. */
const PASSED_KEY_MAX = 4096;

/**
 * Checks each operation once it is parsed, valid and chosen, before anything runs: string
 * arguments' lengths (argument-limits.ts), then depth, aliases, directives and cost. Validation
 * rules could not see variables, and Apollo recodes their errors as GRAPHQL_VALIDATION_FAILED.
 */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin {
  // Operations already found within the limits, by parsed document and variables: Apollo hands
  // back the same parsed document for the same query text, so a repeated request (a page asking
  // its report again) skips both walks. A refusal is never remembered: it throws every time.
  const passed = new WeakMap<DocumentNode, Set<string>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const variables = request.variables ?? {};
          const key = `${operation.name?.value ?? ''}\u0000${JSON.stringify(variables)}`;
          const seen = passed.get(document);
          if (seen?.has(key)) return;
          // Cheapest first: string lengths, then the cost walk.
          checkArgumentLengths(schema, document, operation, variables);
          const over = overLimits(measureQuery(schema, document, operation, variables), limits);
          if (over.length > 0) throw queryTooComplex(over.join('; '));
          // Long variables (a page's text) are not kept: checking them again costs less than
          // holding up to PASSED_PER_DOCUMENT of them.
          if (key.length > PASSED_KEY_MAX) return;
          if (!seen) passed.set(document, new Set([key]));
          else if (seen.size < PASSED_PER_DOCUMENT) seen.add(key);
        },
      };
    },
  };
}

/** graphql-js's message (sic: "more that") when parsing stops at parseOptions.maxTokens. */
const TOKEN_LIMIT = /Document contains more th(?:at|an) \d+ tokens/;

/** " Did you mean "x"?" names schema fields, arguments and enum values; production hides it. */
const SUGGESTION = / ?Did you mean .+\?$/s;

/**
 * Shapes errors before the shared formatError: a token-limit parse failure becomes
 * QUERY_TOO_COMPLEX, and in production no message suggests schema names.
 */
/**
 * graphql-js quotes a refused value in its message: a 1 MiB value must not come back (twice).
 * Long quoted values are shortened in place, so the field path after them survives; a message
 * still too long keeps its head and its tail.
 */
export const MAX_ERROR_MESSAGE = 2000;
const LONG_QUOTED = /"((?:[^"\\]|\\.){200,}?)"(?=[^"]*(?:"|$))/g;

export function capped(message: string): string {
  const short = message.replace(
    LONG_QUOTED,
    (_m, inner: string) => `"${inner.slice(0, 80)}…" (${inner.length} characters)`,
  );
  if (short.length <= MAX_ERROR_MESSAGE) return short;
  return `${short.slice(0, 1000)} … ${short.slice(-800)}`;
}

export function hardenedFormatError(
  format: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
  options: { production: boolean; maxTokens: number },
): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted, error) => {
    let shaped = formatted;
    if (
      formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' &&
      TOKEN_LIMIT.test(formatted.message)
    ) {
      shaped = {
        message: queryTooComplex(`tokens are over the limit of ${options.maxTokens}`).message,
        extensions: { code: ErrorCode.QUERY_TOO_COMPLEX },
      };
    }
    const result = format(shaped, error);
    const message = options.production ? result.message.replace(SUGGESTION, '') : result.message;
    return { ...result, message: capped(message) };
  };
}
