import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents from the server's own schema.graphql: a schema change that breaks a page's
 * query breaks `npm run typecheck` (which regenerates first). documentMode 'string' keeps
 * graphql-js out of the bundle: documents travel as plain strings with their types attached.
 */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['web/src/**/*.tsx', 'web/src/**/*.ts', '!web/src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'web/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTime: 'string' },
      },
    },
  },
  silent: true,
};

export default config;
