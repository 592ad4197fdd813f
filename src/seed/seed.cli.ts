/**
 * `npm run seed [-- --replace]`: loads seeds/ into the configured store in one transaction.
 * By default only absent records are created (an editor's later change survives); --replace also
 * overwrites records whose content differs from the curation files.
 */
import 'reflect-metadata';
import { parseCommandLine, runCommand } from '../common/command-line';
import { loadConfig } from '../config/app-config';
import { createStore } from '../store/store.factory';
import { loadCuration, SEED_WRITER } from './curation';
import { bundleAudit } from '../history/revision';

const USAGE = [
  'usage: npm run seed [-- --replace]',
  '',
  'Loads the curation files (seeds/) into the configured store (SQLITE_PATH, or Neo4j when',
  'NEO4J_URI is set) in one transaction. Only absent records are created, so later edits survive;',
  '--replace also overwrites records that differ from the curation files.',
].join('\n');

async function main(): Promise<void> {
  const { values } = parseCommandLine(USAGE, { replace: { type: 'boolean', default: false } });
  const replace = values.replace === true;
  const config = loadConfig();
  const store = createStore(config);
  await store.init();
  try {
    const started = Date.now();
    const result = await store.upsertBundle(
      loadCuration(),
      replace ? 'replace-changed' : 'create-missing',
      bundleAudit({ ...SEED_WRITER, reason: replace ? 'seed --replace' : SEED_WRITER.reason }),
    );
    const counts = await store.counts();
    console.log(
      `Seeded ${store.kind} store in ${Date.now() - started} ms: ${result.created} created, ${result.updated} updated, ` +
        `${result.unchanged} unchanged${result.differing ? `, ${result.differing} differ from the curation files and were left alone (use --replace)` : ''}.`,
    );
    console.log(
      `Store now holds: ${Object.entries(counts)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')}.`,
    );
  } finally {
    await store.close();
  }
}

runCommand(USAGE, main);
