/**
 * npm run store:copy -- --from sqlite --to neo4j [--replace]
 *
 * SQLite is SQLITE_PATH (default ./data/evidence.db); Neo4j is NEO4J_URI / NEO4J_USER /
 * NEO4J_PASSWORD / NEO4J_DATABASE. Progress bar via cli-progress.
 */
import 'reflect-metadata';
import { SingleBar, Presets } from 'cli-progress';
import { CliError, parseCommandLine, runCommand, UsageError } from '../../common/command-line';
import { loadConfig } from '../../config/app-config';
import { EvidenceStore } from '../ports';
import { StoreConfigError, storeOfKind } from '../store.factory';
import { copyStore, CopyMismatch, CopyRefused, describe } from './store-copy';

const USAGE = [
  'usage: npm run store:copy -- --from sqlite|neo4j --to neo4j|sqlite [--replace]',
  '',
  'Copies every record, revision and token from one store to the other and verifies the copy',
  '(counts per type and a content checksum). SQLite is SQLITE_PATH; Neo4j is NEO4J_URI,',
  'NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE. The target must be empty unless --replace.',
].join('\n');

function open(kind: string): EvidenceStore {
  if (kind !== 'sqlite' && kind !== 'neo4j')
    throw new UsageError(`unknown store "${kind}": use sqlite or neo4j`);
  try {
    return storeOfKind(kind, loadConfig());
  } catch (err) {
    if (err instanceof StoreConfigError)
      throw new CopyRefused(`--from/--to ${kind}: ${err.message}`);
    throw err;
  }
}

async function main(): Promise<void> {
  const { values } = parseCommandLine(USAGE, {
    from: { type: 'string' },
    to: { type: 'string' },
    replace: { type: 'boolean', default: false },
  });
  if (!values.from || !values.to) throw new UsageError('--from and --to are both required');
  if (values.from === values.to) throw new UsageError('--from and --to must differ');
  const from = open(values.from);
  const to = open(values.to);
  await from.init();
  await to.init();
  const bar = new SingleBar(
    { format: ' {bar} {percentage}% | {value}/{total} records | {kind}', hideCursor: true },
    Presets.shades_classic,
  );
  try {
    const report = await copyStore(from, to, {
      replace: values.replace ?? false,
      progress: {
        start: (total) => bar.start(total, 0, { kind: '' }),
        advance: (by, kind) => bar.increment(by, { kind }),
        stop: () => bar.stop(),
      },
    });
    console.log(
      `Copied ${values.from} -> ${values.to} in ${report.ms} ms: ${describe(report.counts)}; ${report.revisions} revisions and ${report.tokens} tokens.`,
    );
    console.log(
      `Verified: counts per type equal; content checksum ${report.checksum} on both sides.`,
    );
  } finally {
    bar.stop();
    await from.close();
    await to.close();
  }
}

runCommand(USAGE, () =>
  main().catch((err: unknown) => {
    // Refusals (a non-empty target, a mismatch after copying) are explained by their message.
    if (err instanceof CopyRefused || err instanceof CopyMismatch) throw new CliError(err.message);
    throw err;
  }),
);
