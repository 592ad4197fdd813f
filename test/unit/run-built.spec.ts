import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { isStale } from '../../tools/run-built';

describe('the CLIs compile only when the build is not current (tools/run-built.js)', () => {
  let root: string;
  const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'run-built-'));
    mkdirSync(join(root, 'src', 'auth'), { recursive: true });
    mkdirSync(join(root, 'dist', 'auth'), { recursive: true });
    for (const f of [
      'src/auth/token.cli.ts',
      'src/main.ts',
      'tsconfig.json',
      'dist/auth/token.cli.js',
    ])
      writeFileSync(join(root, f), '');
    for (const f of ['src/auth/token.cli.ts', 'src/main.ts', 'tsconfig.json'])
      at(join(root, f), 1_000);
    at(join(root, 'dist/auth/token.cli.js'), 2_000);
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const entry = () => join(root, 'dist/auth/token.cli.js');

  it('runs the build as it is when every source is older', () => {
    expect(isStale(entry(), root)).toBe(false);
  });

  it('compiles when any source below src/ is newer, however deep', () => {
    at(join(root, 'src/auth/token.cli.ts'), 3_000);
    expect(isStale(entry(), root)).toBe(true);
  });

  it('compiles when a tsconfig is newer, or there is no build yet', () => {
    at(join(root, 'tsconfig.json'), 3_000);
    expect(isStale(entry(), root)).toBe(true);
    expect(isStale(join(root, 'dist/seed/seed.cli.js'), root)).toBe(true);
  });
});
