/**
 * Queries asked again run compiled: graphql-jit turns an operation into JavaScript once, and that
 * function resolves it without graphql-js's per-field walk (collecting fields, reading arguments,
 * completing values), which cost about as much as the report itself on a page the web app asks
 * over and over.
 *
 * The same resolvers run, Nest's included, so every rule, guard and read is unchanged. Only a
 * query that answers without errors is sent as compiled: one with errors is run again by
 * graphql-js, so every error keeps Apollo's formatting and its hooks (formatError, error codes,
 * status) exactly. Re-running a query is safe: queries do not write, the rate limit counts a
 * request once, and the request's loaders still hold what the first run read. Mutations and
 * anything not yet compiled take graphql-js's path.
 */
import { HeaderMap } from '@apollo/server';
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import type { DocumentNode } from 'graphql';

type Compiled = CompiledQuery<Record<string, unknown>, Record<string, unknown>>;

/** One operation of one parsed document: how often it was asked, and its compiled form. */
interface Entry {
  seen: number;
  /** Compiled once asked `compileAfter` times; null when graphql-jit could not compile it. */
  compiled?: Compiled | null;
}

export interface CompiledQueriesOptions {
  /** Compile an operation the n-th time it is asked: a one-off query is not worth compiling. */
  compileAfter: number;
}

export function compiledQueriesPlugin<C extends object>(
  options: CompiledQueriesOptions,
): ApolloServerPlugin<C> {
  // By parsed document, then operation name. Apollo hands back the same parsed document for the
  // same query text from its bounded document cache, so this holds nothing that cache dropped.
  const operations = new WeakMap<DocumentNode, Map<string, Entry>>();
  const entryOf = (document: DocumentNode, name: string): Entry => {
    let byName = operations.get(document);
    if (!byName) operations.set(document, (byName = new Map()));
    let entry = byName.get(name);
    if (!entry) byName.set(name, (entry = { seen: 0 }));
    return entry;
  };
  return {
    async requestDidStart() {
      return {
        async responseForOperation(rc: GraphQLRequestContext<C>) {
          const { document, operation, schema } = rc;
          if (!document || operation?.operation !== 'query') return null;
          const name = rc.operationName ?? '';
          const entry = entryOf(document, name);
          if (entry.compiled === undefined && ++entry.seen >= options.compileAfter) {
            const compiled = compileQuery(schema, document, name || undefined);
            entry.compiled = isCompiledQuery(compiled) ? compiled : null;
          }
          if (!entry.compiled) return null;
          const { data, errors } = await entry.compiled.query(
            undefined,
            rc.contextValue,
            rc.request.variables ?? {},
          );
          if (errors?.length) return null; // graphql-js answers it, errors formatted
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: { kind: 'single', singleResult: { data } },
          };
        },
      };
    },
  };
}
