/**
 * Token administration from the command line (whoever can run this can read the database, so it
 * needs no token itself; its changes are recorded as cli:<user>):
 *   npm run token -- create --role editor --name alice
 *   npm run token -- list
 *   npm run token -- revoke <token-id>
 */
import { parseCommandLine, runCommand, UsageError } from '../common/command-line';
import { loadConfig } from '../config/app-config';
import { TokenRole } from '../store/ports';
import { createStore } from '../store/store.factory';
import { AuthService } from './auth.service';
import { cliActor, ROLES } from './tokens';

const USAGE = [
  'usage: npm run token -- create --role reader|editor|admin --name <name>',
  '       npm run token -- list',
  '       npm run token -- revoke <token-id>',
  '',
  'Manages API tokens in the configured store (SQLITE_PATH, or Neo4j when NEO4J_URI is set).',
  'The secret of a new token is printed once; only its SHA-256 is stored.',
].join('\n');

async function main(): Promise<void> {
  const { values, positionals } = parseCommandLine(
    USAGE,
    { role: { type: 'string' }, name: { type: 'string' } },
    { allowPositionals: true },
  );
  const [command, arg, ...extra] = positionals;
  if (!['create', 'list', 'revoke'].includes(command ?? ''))
    throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  if (extra.length > 0 || (command !== 'revoke' && arg !== undefined))
    throw new UsageError(`unexpected argument "${extra[0] ?? arg}"`);
  const role = (values.role ?? '').toUpperCase() as TokenRole;
  if (command === 'create' && (!ROLES.includes(role) || !values.name))
    throw new UsageError(
      values.name
        ? `--role must be reader, editor or admin (got "${values.role ?? ''}")`
        : '--name is required',
    );
  if (command === 'revoke' && !arg) throw new UsageError('revoke needs a token id');

  const store = createStore(loadConfig());
  await store.init();
  const auth = new AuthService(store);
  const ctx = { actor: cliActor(), reason: 'token CLI' };
  try {
    if (command === 'create') {
      const { token, secret } = await auth.createToken(values.name!, role, ctx);
      console.log(`Created ${token.role} token ${token.id} for "${token.name}".`);
      console.log('Send it as "Authorization: Bearer <token>". It is shown only now:');
      console.log(secret);
    } else if (command === 'list') {
      for (const t of await auth.listTokens()) {
        const state = t.revokedAt ? `revoked ${t.revokedAt}` : 'active';
        console.log(
          `${t.id}\t${t.role}\t${t.name}\tcreated ${t.createdAt} by ${t.createdBy}\t${state}`,
        );
      }
    } else {
      const t = await auth.revokeToken(arg!, ctx);
      console.log(`Token ${t.id} ("${t.name}") revoked at ${t.revokedAt}.`);
    }
  } finally {
    await store.close();
  }
}

runCommand(USAGE, main);
