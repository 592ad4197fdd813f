/**
 * The token CLI (`npm run token -- ...`) against a real SQLite file, run as its own process the way
 * an operator runs it: the secret is printed once, only its hash is stored, revoking takes effect.
 */
import { execFile } from 'child_process';
import { join } from 'path';
import { promisify } from 'util';
import { AuthService } from '../../src/auth/auth.service';
import { hashToken } from '../../src/auth/tokens';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store';
import { TS_NODE_ARGS } from '../support/child-server';
import { SqliteProbe, tempDbPath } from '../support/temp-sqlite';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');

async function cli(file: string, ...args: string[]) {
  return run(process.execPath, [...TS_NODE_ARGS, 'src/auth/token.cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, SQLITE_PATH: file, NEO4J_URI: '', LOG_LEVEL: 'silent' },
  }).catch((err: { code: number; stdout: string; stderr: string }) => err);
}

describe('npm run token', () => {
  it('creates, lists and revokes tokens; only the hash is stored', async () => {
    const { file, cleanup } = tempDbPath();
    try {
      const created = await cli(file, 'create', '--role', 'editor', '--name', 'alice');
      const secret = created.stdout.trim().split('\n').pop()!;
      expect(secret).toMatch(/^ekb_[A-Za-z0-9_-]{43}$/);
      expect(created.stdout).toContain('Created EDITOR token');

      const probe = new SqliteProbe(file);
      const [row] = await probe.tokens();
      expect(row.hash).toBe(hashToken(secret));
      expect(JSON.stringify(await probe.snapshot())).not.toContain(secret);
      await probe.close();

      const store = createSqliteStore(file);
      await store.init();
      const auth = new AuthService(store);
      expect(await auth.principalFor(`Bearer ${secret}`)).toEqual({
        tokenId: row.id,
        name: 'alice',
        role: 'EDITOR',
      });

      const listed = await cli(file, 'list');
      expect(listed.stdout).toContain(`${row.id}\tEDITOR\talice`);
      expect(listed.stdout).toContain('active');

      const revoked = await cli(file, 'revoke', row.id);
      expect(revoked.stdout).toContain('revoked');
      await expect(auth.principalFor(`Bearer ${secret}`)).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
      });
      const history = await store.revisionsOf(row.id, undefined, 10);
      expect(history.map((h) => [h.action, h.actor.startsWith('cli')])).toEqual([
        ['CREATE', true],
        ['UPDATE', true],
      ]);
      await store.close();

      const bad = await cli(file, 'create', '--role', 'boss', '--name', 'x');
      expect((bad as { code: number }).code).toBe(2);
      expect((bad as { stderr: string }).stderr).toContain('usage');
    } finally {
      cleanup();
    }
  }, 60_000);
});
