/** The generated TypeScript types must match schema.graphql: regenerate and compare. */
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { generateTypings, TYPINGS_PATH } from '../../tools/generate-typings';

describe('src/graphql.schema.ts', () => {
  it('is generated from the current schema.graphql (run `npm run generate:typings` if this fails)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'typings-'));
    try {
      const fresh = join(dir, 'graphql.schema.ts');
      await generateTypings(fresh);
      expect(readFileSync(TYPINGS_PATH, 'utf8')).toBe(readFileSync(fresh, 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says it must not be edited', () => {
    expect(readFileSync(TYPINGS_PATH, 'utf8')).toContain('DO NOT EDIT');
  });
});
