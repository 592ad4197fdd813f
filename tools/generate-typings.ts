/**
 * Writes src/graphql.schema.ts from schema.graphql (schema-first: the .graphql file is the contract,
 * the TypeScript types follow it). test/unit/typings.spec.ts fails when the committed file is stale.
 */
import { GraphQLDefinitionsFactory } from '@nestjs/graphql';
import { join } from 'path';

export const SCHEMA_PATH = join(__dirname, '..', 'schema.graphql');
export const TYPINGS_PATH = join(__dirname, '..', 'src', 'graphql.schema.ts');

export async function generateTypings(outputPath: string = TYPINGS_PATH): Promise<void> {
  await new GraphQLDefinitionsFactory().generate({
    typePaths: [SCHEMA_PATH],
    path: outputPath,
    outputAs: 'interface',
    emitTypenameField: true,
    enumsAsTypes: false,
    customScalarTypeMapping: { DateTime: 'string' },
    additionalHeader:
      '// Generated from schema.graphql by `npm run generate:typings`. DO NOT EDIT.',
  });
}

if (require.main === module) {
  generateTypings().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
