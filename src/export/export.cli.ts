/**
 * npm run export -- --format graphml|json|csv --out FILE [--root ID --depth N]
 *                   [--types CLAIM,STUDY] [--edge-types SUPPORTS,CITES]
 *
 * Exports the configured store (Neo4j when NEO4J_URI is set, else SQLITE_PATH) for Gephi or
 * Cytoscape: the whole graph, or the neighbourhood of --root. CSV writes two files,
 * <out>-nodes.csv and <out>-edges.csv (a trailing .csv on --out is dropped first).
 */
import 'reflect-metadata';
import { Presets, SingleBar } from 'cli-progress';
import { writeFileSync } from 'fs';
import { parseArgs } from 'util';
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

const USAGE =
  'usage: npm run export -- --format graphml|json|csv --out FILE [--root ID --depth 0..3] ' +
  '[--types CLAIM,STUDY] [--edge-types SUPPORTS,CITES]';

function summary(graph: ExportGraph): string {
  const byType = new Map<string, number>();
  for (const n of graph.nodes) byType.set(n.type, (byType.get(n.type) ?? 0) + 1);
  const parts = [...byType].map(([type, n]) => `${n} ${type}`).join(', ');
  return `${graph.nodes.length} nodes (${parts || 'none'}), ${graph.edges.length} edges${
    graph.truncated ? ' (truncated: the neighbourhood has more nodes than one export holds)' : ''
  }`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      format: { type: 'string', default: 'graphml' },
      out: { type: 'string' },
      root: { type: 'string' },
      depth: { type: 'string' },
      types: { type: 'string' },
      'edge-types': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const format = parseFormat(values.format);
  const options = parseExportOptions({
    root: values.root,
    depth: values.depth,
    types: values.types,
    edgeTypes: values['edge-types'],
  });
  const out = values.out ?? `evidence-graph${format === 'csv' ? '' : `.${format}`}`;

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
        written.push(path);
      }
    } else {
      writeFileSync(
        out,
        format === 'graphml' ? exporter.graphml(graph, options) : exporter.json(graph),
      );
      written.push(out);
    }
    const scope = options.root
      ? `the neighbourhood of ${options.root} (depth ${options.depth ?? DEFAULT_DEPTH})`
      : 'the whole graph';
    console.log(
      `Exported ${scope} from the ${store.kind} store in ${Date.now() - started} ms: ${summary(graph)}.`,
    );
    console.log(`Wrote ${written.join(', ')}.`);
  } finally {
    bar.stop();
    await store.close();
  }
}

main().catch((err) => {
  if (err instanceof DomainError) console.error(`${err.message}\n${USAGE}`);
  else console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
