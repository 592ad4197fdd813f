/**
 * Token administration from the command line (whoever can run this can read the database, so it
 * needs no token itself; its changes are recorded as cli:<user>):
 *   npm run token -- create --role editor --name alice
 *   npm run token -- list
 *   npm run token -- revoke <token-id>
 */
import { parseArgs } from 'util';
import { loadConfig } from '../config/app-config';
import { DomainError } from '../common/domain-error';
import { TokenRole } from '../store/ports';
import { createStore } from '../store/store.factory';
import { AuthService } from './auth.service';
import { cliActor, ROLES } from './tokens';

const USAGE = [
  'usage: npm run token -- create --role reader|editor|admin --name <name>',
  '       npm run token -- list',
  '       npm run token -- revoke <token-id>',
].join('\n');

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { role: { type: 'string' }, name: { type: 'string' } },
  });
  const [command, arg] = positionals;
  if (!['create', 'list', 'revoke'].includes(command ?? '')) {
    console.error(USAGE);
    return 2;
  }
  const store = createStore(loadConfig());
  await store.init();
  const auth = new AuthService(store);
  const ctx = { actor: cliActor(), reason: 'token CLI' };
  try {
    if (command === 'create') {
      const role = (values.role ?? '').toUpperCase() as TokenRole;
      if (!ROLES.includes(role) || !values.name) {
        console.error(USAGE);
        return 2;
      }
      const { token, secret } = await auth.createToken(values.name, role, ctx);
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
      if (!arg) {
        console.error(USAGE);
        return 2;
      }
      const t = await auth.revokeToken(arg, ctx);
      console.log(`Token ${t.id} ("${t.name}") revoked at ${t.revokedAt}.`);
    }
    return 0;
  } catch (err) {
    if (err instanceof DomainError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
