/**
 * npm run export -- [--format graphml|json|csv] [--out FILE] [--root ID --depth N]
 *                   [--types CLAIM,STUDY] [--edge-types SUPPORTS,CITES]
 *
 * Exports the configured store (Neo4j when NEO4J_URI is set, else SQLITE_PATH) for Gephi or
 * Cytoscape: the whole graph, or the neighbourhood of --root. GraphML and JSON go to standard
 * output unless --out names a file (the summary then goes to standard error, so a pipe gets the
 * graph only). CSV writes two files, <out>-nodes.csv and <out>-edges.csv (a trailing .csv on --out
 * is dropped first; evidence-graph-*.csv without --out), and says where.
 */
import 'reflect-metadata';
import { Presets, SingleBar } from 'cli-progress';
import { writeFileSync } from 'fs';
import { resolve } from 'path';
import { parseCommandLine, runCommand, UsageError } from '../common/command-line';
import { DomainError } from '../common/domain-error';
import { loadConfig } from '../config/app-config';
import { GraphService } from '../graph/graph.service';
import { createStore } from '../store/store.factory';
import {
  DEFAULT_DEPTH,
  ExportGraph,
  ExportService,
  parseExportOptions,
  parseFormat,
} from './export.service';

const USAGE = [
  'usage: npm run export -- [--format graphml|json|csv] [--out FILE] [--root ID --depth 0..3]',
  '                         [--types CLAIM,STUDY] [--edge-types SUPPORTS,CITES]',
  '',
  'Exports the graph (or the neighbourhood of --root) for Gephi or Cytoscape. GraphML (the',
  'default) and JSON go to standard output unless --out names a file; CSV writes two files,',
  '<out>-nodes.csv and <out>-edges.csv (evidence-graph-*.csv without --out).',
].join('\n');

/** The service's refusals of a flag's value (format, types, depth) are usage mistakes here. */
function asUsage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof DomainError) throw new UsageError(err.message);
    throw err;
  }
}

function summary(graph: ExportGraph): string {
  const byType = new Map<string, number>();
  for (const n of graph.nodes) byType.set(n.type, (byType.get(n.type) ?? 0) + 1);
  const parts = [...byType].map(([type, n]) => `${n} ${type}`).join(', ');
  return `${graph.nodes.length} nodes (${parts || 'none'}), ${graph.edges.length} edges${
    graph.truncated ? ' (truncated: the neighbourhood has more nodes than one export holds)' : ''
  }`;
}

async function main(): Promise<void> {
  const { values } = parseCommandLine(USAGE, {
    format: { type: 'string', default: 'graphml' },
    out: { type: 'string' },
    root: { type: 'string' },
    depth: { type: 'string' },
    types: { type: 'string' },
    'edge-types': { type: 'string' },
  });
  const format = asUsage(() => parseFormat(values.format));
  const options = asUsage(() =>
    parseExportOptions({
      root: values.root,
      depth: values.depth,
      types: values.types,
      edgeTypes: values['edge-types'],
    }),
  );
  // Without --out (or with "-"), GraphML and JSON go to standard output.
  const toStdout = format !== 'csv' && (values.out === undefined || values.out === '-');
  const out = values.out ?? 'evidence-graph';
  // What is said about the export goes where the graph does not.
  const say = toStdout ? console.error : console.log;

  const store = createStore(loadConfig());
  await store.init();
  const exporter = new ExportService(store, store, new GraphService());
  const bar = new SingleBar(
    { format: ' {bar} {percentage}% | {value}/{total} records | {what}', hideCursor: true },
    Presets.shades_classic,
  );
  try {
    const started = Date.now();
    let total = 0;
    const graph = await exporter.collect(options, {
      start: (n) => {
        total = n;
        bar.start(n, 0, { what: '' });
      },
      grow: (by) => {
        total += by;
        bar.setTotal(total);
      },
      advance: (by, what) => bar.increment(by, { what }),
    });
    bar.stop();
    const written: string[] = [];
    if (format === 'csv') {
      const base = out.replace(/\.csv$/i, '');
      for (const file of ['nodes', 'edges'] as const) {
        const path = `${base}-${file}.csv`;
        writeFileSync(path, exporter.csv(graph, file));
        written.push(resolve(path));
      }
    } else {
      const text = format === 'graphml' ? exporter.graphml(graph, options) : exporter.json(graph);
      if (toStdout) await new Promise((done) => process.stdout.write(text, done));
      else {
        writeFileSync(out, text);
        written.push(resolve(out));
      }
    }
    const scope = options.root
      ? `the neighbourhood of ${options.root} (depth ${options.depth ?? DEFAULT_DEPTH})`
      : 'the whole graph';
    say(
      `Exported ${scope} from the ${store.kind} store in ${Date.now() - started} ms: ${summary(graph)}.`,
    );
    say(toStdout ? `Wrote ${format} to standard output.` : `Wrote ${written.join(', ')}.`);
  } finally {
    bar.stop();
    await store.close();
  }
}

runCommand(USAGE, main);
