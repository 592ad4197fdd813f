/**
 * npm run ingest -- <page.html> --url <url> [--title <title>] [--retrieved YYYY-MM-DD]
 *   [--kind <kind>] [--publisher <name>] [--id <slug>] [--actor <name>]
 *
 * Creates a source from a saved web page in the configured store (SQLITE_PATH, or Neo4j when
 * NEO4J_URI is set), exactly as createSource with html does: the same validation, the same
 * extraction, one audited write. A page that gives no text is refused in one line, nothing stored.
 */
import 'reflect-metadata';
import { readFileSync } from 'fs';
import { userInfo } from 'os';
import { CliError, parseCommandLine, runCommand, UsageError } from '../common/command-line';
import { DomainError } from '../common/domain-error';
import { createValidationPipe } from '../common/validation';
import { loadConfig } from '../config/app-config';
import { SourceKind } from '../graphql.schema';
import { createStore } from '../store/store.factory';
import { CreateSourceDto } from './source.inputs';
import { SourcesService } from './sources.service';

const USAGE = [
  'usage: npm run ingest -- <page.html> --url <url> [--title <title>] [--retrieved YYYY-MM-DD]',
  '                         [--kind <kind>] [--publisher <name>] [--id <slug>] [--actor <name>]',
  '',
  'Creates a source from a saved web page: its main text (navigation, banners and scripts',
  'dropped), the page title unless --title is given, the URL, the retrieval day (today unless',
  '--retrieved) and the SHA-256 of the HTML. --kind is one of',
  `${Object.values(SourceKind).join(', ')} (default CLINIC_MARKETING).`,
].join('\n');

/** Which flag (or the file) an input field came from, for messages. */
const FLAG_OF: Record<string, string> = {
  'input.html': 'the page',
  'input.url': '--url',
  'input.title': '--title',
  'input.retrievedAt': '--retrieved',
  'input.kind': '--kind',
  'input.publisher': '--publisher',
  'input.id': '--id',
};

function defaultActor(): string {
  try {
    return `ingest-cli:${userInfo().username}`;
  } catch {
    return 'ingest-cli';
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseCommandLine(
    USAGE,
    {
      url: { type: 'string' },
      title: { type: 'string' },
      retrieved: { type: 'string' },
      kind: { type: 'string' },
      publisher: { type: 'string' },
      id: { type: 'string' },
      actor: { type: 'string' },
    },
    { allowPositionals: true },
  );
  if (positionals.length === 0) throw new UsageError('no page given');
  if (positionals.length > 1)
    throw new UsageError(`one page at a time (got ${positionals.length})`);
  if (values.url === undefined) throw new UsageError('--url is required: where the page came from');
  const file = positionals[0];
  const html = readFileSync(file, 'utf8');
  let input: CreateSourceDto;
  try {
    input = (await createValidationPipe().transform(
      {
        id: values.id,
        title: values.title,
        url: values.url,
        publisher: values.publisher,
        kind: values.kind ?? SourceKind.CLINIC_MARKETING,
        html,
        retrievedAt: values.retrieved,
      },
      { type: 'body', metatype: CreateSourceDto },
    )) as CreateSourceDto;
  } catch (err) {
    throw refusal(err, file);
  }

  const store = createStore(loadConfig());
  await store.init();
  try {
    const t0 = process.hrtime.bigint();
    const source = await new SourcesService(store)
      .createSource(input, { actor: values.actor ?? defaultActor() })
      .catch((err: unknown) => {
        throw refusal(err, file);
      });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    console.log(
      `Ingested ${file} as source ${source.id} ("${source.title}") into the ${store.kind} store ` +
        `in ${ms.toFixed(0)} ms: ${[...source.text].length} characters of text, ` +
        `retrieved ${source.retrievedAt}, HTML SHA-256 ${source.htmlSha256}.`,
    );
  } finally {
    await store.close();
  }
}

/** A refused input as one line naming the flag or the file. */
function refusal(err: unknown, file: string): unknown {
  if (!(err instanceof DomainError)) return err;
  const field = err.details.field ?? '';
  const reason = err.details.reason ?? err.message;
  const what = FLAG_OF[field] === 'the page' ? `${file}` : (FLAG_OF[field] ?? field);
  return new CliError(`Not ingested: ${what ? `${what} ` : ''}${reason}`);
}

runCommand(USAGE, main);
