/**
 * npm run import -- <file> [--format bibtex|ris|csl-json] [--cited-by <studyId>]
 *   [--batch <n>] [--actor <name>]
 *
 * Imports a BibTeX, RIS or CSL-JSON file into the configured store (SQLITE_PATH, or Neo4j when
 * NEO4J_URI is set), deduplicating by DOI, PMID, then title + year. The format follows the file's
 * extension (.bib, .ris, .json) unless --format says otherwise. With --cited-by, the given study
 * cites every imported record (the file is its reference list).
 *
 * Exit code 0 when the file was processed, even if some records were rejected (each is listed
 * with its line and reason); 2 on a usage mistake (an unknown flag, no file); 1 on a fatal error
 * (a missing or unreadable file, named; the store down).
 */
import 'reflect-metadata';
import { Presets, SingleBar } from 'cli-progress';
import { readFileSync } from 'fs';
import { userInfo } from 'os';
import { extname } from 'path';
import { parseCommandLine, runCommand, UsageError } from '../../common/command-line';
import { loadConfig } from '../../config/app-config';
import { CitationFormat, ImportStatus } from '../../graphql.schema';
import { createStore } from '../../store/store.factory';
import { CitationImportService } from './citation-import.service';

const USAGE = [
  'usage: npm run import -- <file> [--format bibtex|ris|csl-json] [--cited-by <studyId>]',
  '                         [--batch <n>] [--actor <name>]',
  '',
  'Imports a BibTeX, RIS or CSL-JSON file into the configured store (SQLITE_PATH, or Neo4j when',
  'NEO4J_URI is set), deduplicating by DOI, PMID, then title + year. The format follows the',
  "file's extension (.bib, .ris, .json) unless --format says otherwise. With --cited-by, that",
  'study cites every imported record (the file is its reference list).',
].join('\n');

const FORMATS: Record<string, CitationFormat> = {
  bibtex: CitationFormat.BIBTEX,
  bib: CitationFormat.BIBTEX,
  ris: CitationFormat.RIS,
  'csl-json': CitationFormat.CSL_JSON,
  json: CitationFormat.CSL_JSON,
};

function formatOf(file: string, given: string | undefined): CitationFormat {
  if (given !== undefined) {
    const f = FORMATS[given.toLowerCase()];
    if (!f) throw new UsageError(`--format must be bibtex, ris or csl-json (got "${given}")`);
    return f;
  }
  const f = FORMATS[extname(file).slice(1).toLowerCase()];
  if (!f)
    throw new UsageError(
      `cannot tell the format of "${file}" from its extension (.bib, .ris, .json): give --format`,
    );
  return f;
}

function defaultActor(): string {
  try {
    return `import-cli:${userInfo().username}`;
  } catch {
    return 'import-cli';
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseCommandLine(
    USAGE,
    {
      format: { type: 'string' },
      'cited-by': { type: 'string' },
      batch: { type: 'string' },
      actor: { type: 'string' },
    },
    { allowPositionals: true },
  );
  if (positionals.length === 0) throw new UsageError('no file given');
  if (positionals.length > 1)
    throw new UsageError(`one file at a time (got ${positionals.length})`);
  const file = positionals[0];
  const format = formatOf(file, values.format);
  const batchSize = values.batch === undefined ? undefined : Number(values.batch);
  if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0))
    throw new UsageError(`--batch must be a positive whole number (got "${values.batch}")`);
  const text = readFileSync(file, 'utf8');

  const store = createStore(loadConfig());
  await store.init();
  const bar = new SingleBar(
    { format: ' {bar} {percentage}% | {value}/{total} records', hideCursor: true },
    Presets.shades_classic,
  );
  let started = false;
  try {
    const t0 = process.hrtime.bigint();
    const report = await new CitationImportService(store).importText(format, text, {
      actor: values.actor ?? defaultActor(),
      citedById: values['cited-by'],
      batchSize,
      onProgress: (done, total) => {
        if (!started) {
          bar.start(total, done);
          started = true;
        } else {
          // The total grows when one located record holds several entries (see readRecords).
          bar.setTotal(total);
          bar.update(done);
        }
      },
    });
    bar.stop();
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const total = report.records.length;
    console.log(
      `Imported ${file} (${format}) into the ${store.kind} store in ${seconds.toFixed(2)} s: ` +
        `${total} records, ${report.created} created, ${report.merged} merged, ` +
        `${report.rejected} rejected (${Math.round(total / Math.max(seconds, 1e-6))} records/s).`,
    );
    if (total === 0)
      console.log(`No ${format} records found in ${file}: is it in that format? (see --format)`);
    const rejected = report.records.filter((r) => r.status === ImportStatus.REJECTED);
    if (rejected.length > 0) {
      console.log('Rejected:');
      for (const r of rejected) {
        const where = r.line !== null ? `line ${r.line}` : `record ${r.index}`;
        console.log(`  ${where}: ${r.reason}${r.title ? ` ("${r.title}")` : ''}`);
      }
    }
  } finally {
    bar.stop();
    await store.close();
  }
}

runCommand(USAGE, main);
