/**
 * `npm run seed [-- --replace]`: loads seeds/ into the configured store in one transaction.
 * By default only absent records are created (an editor's later change survives); --replace also
 * overwrites records whose content differs from the curation files.
 */
import 'reflect-metadata';
import { loadConfig } from '../config/app-config';
import { createStore } from '../store/store.factory';
import { loadCuration, SEED_WRITER } from './curation';
import { bundleAudit } from '../history/revision';

async function main(): Promise<void> {
  const replace = process.argv.includes('--replace');
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

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
