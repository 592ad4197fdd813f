import cytoscape, { Core, ElementDefinition } from 'cytoscape';
import { FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError, request } from '../../api/client';
import { currentToken } from '../../api/session';
import { graphql } from '../../gql';
import type { EdgeType, NodeType } from '../../gql/graphql';
import { ErrorView, Loading } from '../../shared/error-view';
import { NODE_TYPE_LABEL, nodePath } from '../../shared/labels';
import { Page } from '../../shared/page';

const Neighborhood = graphql(`
  query Neighborhood(
    $id: ID!
    $depth: Int
    $types: [NodeType!]
    $edgeTypes: [EdgeType!]
    $limit: Int
  ) {
    neighborhood(id: $id, depth: $depth, types: $types, edgeTypes: $edgeTypes, limit: $limit) {
      truncated
      nodes {
        id
        type
        label
      }
      edges {
        source
        target
        type
      }
    }
  }
`);

const Paths = graphql(`
  query Paths($from: ID!, $to: ID!, $maxLength: Int) {
    paths(from: $from, to: $to, maxLength: $maxLength, limit: 5) {
      length
      nodes {
        id
        type
        label
      }
      edges {
        source
        target
        type
      }
    }
  }
`);

const NODE_TYPES: NodeType[] = [
  'CONDITION',
  'CLAIM',
  'STUDY',
  'SOURCE',
  'STATEMENT',
  'MECHANISM',
  'INTERVENTION',
  'EVIDENCE_GAP',
];
const EDGE_TYPES: EdgeType[] = [
  'ABOUT',
  'BROADER',
  'SUPPORTS',
  'CONTRADICTS',
  'MENTIONS',
  'STATES',
  'IN_SOURCE',
  'VIA',
  'USES',
  'CITES',
  'GAP_OF',
  'CONCERNS',
  'ADDRESSED_BY',
];

/** Colour and shape per node type (the list beside the canvas names every node in words). */
const STYLE: Record<NodeType, { color: string; shape: cytoscape.Css.NodeShape }> = {
  CONDITION: { color: '#1f5fa8', shape: 'round-rectangle' },
  CLAIM: { color: '#8a4b00', shape: 'ellipse' },
  STUDY: { color: '#1b6e3a', shape: 'diamond' },
  SOURCE: { color: '#6b3fa0', shape: 'rectangle' },
  STATEMENT: { color: '#5c5c5c', shape: 'ellipse' },
  MECHANISM: { color: '#006d75', shape: 'hexagon' },
  INTERVENTION: { color: '#7a2e55', shape: 'triangle' },
  EVIDENCE_GAP: { color: '#b3261e', shape: 'star' },
};

interface GNode {
  id: string;
  type: NodeType;
  label: string;
}
interface GEdge {
  source: string;
  target: string;
  type: EdgeType;
}
interface View {
  nodes: GNode[];
  edges: GEdge[];
  truncated: boolean;
}

const edgeKey = (e: GEdge) => `${e.source}|${e.type}|${e.target}`;

function merge(a: View, b: View): View {
  const nodes = new Map(a.nodes.map((n) => [n.id, n]));
  b.nodes.forEach((n) => nodes.set(n.id, n));
  const edges = new Map(a.edges.map((e) => [edgeKey(e), e]));
  b.edges.forEach((e) => edges.set(edgeKey(e), e));
  return {
    nodes: [...nodes.values()],
    edges: [...edges.values()],
    truncated: a.truncated || b.truncated,
  };
}

function list(param: string | null): string[] | null {
  return param ? param.split(',').filter(Boolean) : null;
}

export default function GraphPage() {
  const [params, setParams] = useSearchParams();
  const node = params.get('node') ?? '';
  const depth = Number(params.get('depth') ?? 1);
  // At most this many nodes per request (the server's default; ?limit= narrows a big view).
  const limit = Math.min(500, Math.max(1, Number(params.get('limit')) || 200));
  const types = list(params.get('types')) as NodeType[] | null;
  const edgeTypes = list(params.get('edgeTypes')) as EdgeType[] | null;
  const [view, setView] = useState<View | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [selected, setSelected] = useState<GNode | null>(null);
  const [message, setMessage] = useState('');
  const cy = useRef<Core | null>(null);
  const canvas = useRef<HTMLDivElement>(null);

  const vars = useMemo(
    () => ({ depth, types, edgeTypes, limit }),
    [depth, limit, params.get('types'), params.get('edgeTypes')],
  );

  useEffect(() => {
    if (!node) return setView(null);
    const abort = new AbortController();
    setBusy(true);
    setError(null);
    request(Neighborhood, { id: node, ...vars }, abort.signal).then(
      (d) => {
        setView(d.neighborhood);
        setBusy(false);
      },
      (e: unknown) => {
        if (abort.signal.aborted) return;
        setError(e instanceof ApiError ? e : new ApiError('server', String(e)));
        setBusy(false);
      },
    );
    return () => abort.abort();
  }, [node, vars, attempt]);

  // The canvas, created once; redrawn whenever the view changes.
  useEffect(() => {
    if (!canvas.current) return;
    const instance = cytoscape({
      container: canvas.current,
      wheelSensitivity: 0.3,
      style: [
        {
          selector: 'node',
          style: {
            label: 'data(short)',
            'font-size': 9,
            color: '#1a1a1a',
            'text-wrap': 'ellipsis',
            'text-max-width': '110px',
            'background-color': 'data(color)',
            shape: 'data(shape)' as unknown as cytoscape.Css.NodeShape,
            width: 18,
            height: 18,
          },
        },
        {
          selector: 'node.root',
          style: { width: 28, height: 28, 'border-width': 3, 'border-color': '#111' },
        },
        { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#f0b400' } },
        {
          selector: 'edge',
          style: {
            width: 1.2,
            'line-color': '#9a9a9a',
            'target-arrow-color': '#9a9a9a',
            'target-arrow-shape': 'triangle',
            'curve-style': 'bezier',
            'arrow-scale': 0.7,
          },
        },
        {
          selector: 'edge[type = "CONTRADICTS"]',
          style: { 'line-color': '#b3261e', 'target-arrow-color': '#b3261e' },
        },
        {
          selector: 'edge[type = "SUPPORTS"]',
          style: { 'line-color': '#1b6e3a', 'target-arrow-color': '#1b6e3a' },
        },
      ],
    });
    cy.current = instance;
    return () => {
      instance.destroy();
      cy.current = null;
    };
  }, []);

  useEffect(() => {
    const c = cy.current;
    if (!c) return;
    const elements: ElementDefinition[] = [
      ...(view?.nodes ?? []).map((n) => ({
        group: 'nodes' as const,
        data: {
          id: n.id,
          type: n.type,
          label: n.label,
          short: n.label.length > 40 ? `${n.label.slice(0, 38)}…` : n.label,
          color: STYLE[n.type].color,
          shape: STYLE[n.type].shape,
        },
        classes: n.id === node ? 'root' : undefined,
      })),
      ...(view?.edges ?? []).map((e) => ({
        group: 'edges' as const,
        data: { id: edgeKey(e), source: e.source, target: e.target, type: e.type },
      })),
    ];
    c.elements().remove();
    c.add(elements);
    c.layout({
      name: 'cose',
      animate: false,
      randomize: false,
      nodeDimensionsIncludeLabels: true,
      padding: 20,
    } as cytoscape.LayoutOptions).run();
    // What is really on the canvas, for people who script the page (and the browser tests).
    if (canvas.current) canvas.current.dataset.drawnNodes = String(c.nodes().length);
    c.off('tap');
    c.on('tap', 'node', (evt) => {
      const d = evt.target.data() as GNode;
      setSelected({ id: d.id, type: d.type, label: d.label });
      void expand(d.id);
    });
  }, [view]);

  const expand = async (id: string) => {
    setMessage('');
    try {
      const d = await request(Neighborhood, { id, depth: 1, types, edgeTypes, limit });
      setView((v) => (v ? merge(v, d.neighborhood) : d.neighborhood));
      setMessage(`Expanded ${d.neighborhood.nodes.length - 1} neighbours.`);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError('server', String(e)));
    }
  };

  const update = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null || value === '') next.delete(key);
    else next.set(key, value);
    setParams(next);
  };

  const toggle = (
    key: 'types' | 'edgeTypes',
    all: string[],
    current: string[] | null,
    value: string,
  ) => {
    const set = new Set(current ?? all);
    if (set.has(value)) set.delete(value);
    else set.add(value);
    update(key, set.size === all.length ? null : [...set].join(','));
  };

  const exportPng = () => {
    const c = cy.current;
    if (!c) return;
    const blob = c.png({ output: 'blob', bg: '#ffffff', full: true, scale: 2 }) as unknown as Blob;
    download(blob, `graph-${node}.png`);
  };

  const exportGraphml = async () => {
    const q = new URLSearchParams({ format: 'graphml', root: node, depth: String(depth) });
    if (types) q.set('types', types.join(','));
    if (edgeTypes) q.set('edgeTypes', edgeTypes.join(','));
    const token = currentToken();
    try {
      const res = await fetch(`/export?${q}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      if (!res.ok) throw new Error(String(res.status));
      download(await res.blob(), `graph-${node}.graphml`);
    } catch {
      setMessage('The GraphML export could not be made right now. Try again in a moment.');
    }
  };

  return (
    <Page
      title={
        node
          ? `Graph around ${view?.nodes.find((n) => n.id === node)?.label ?? node}`
          : 'Graph explorer'
      }
    >
      <p>
        Start from any node: its neighbours are drawn around it. Click a node to add its own
        neighbours. The list under the canvas names every node in words.
      </p>
      <StartForm
        node={node}
        depth={depth}
        onSubmit={(id, d) => {
          const next = new URLSearchParams(params);
          next.set('node', id);
          next.set('depth', String(d));
          setParams(next);
        }}
      />
      <details className="filters">
        <summary>Filter node and link types</summary>
        <fieldset>
          <legend>Node types</legend>
          {NODE_TYPES.map((t) => (
            <label key={t} className="inline">
              <input
                type="checkbox"
                checked={!types || types.includes(t)}
                onChange={() => toggle('types', NODE_TYPES, types, t)}
              />{' '}
              {NODE_TYPE_LABEL[t]}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Link types</legend>
          {EDGE_TYPES.map((t) => (
            <label key={t} className="inline">
              <input
                type="checkbox"
                checked={!edgeTypes || edgeTypes.includes(t)}
                onChange={() => toggle('edgeTypes', EDGE_TYPES, edgeTypes, t)}
              />{' '}
              {t.toLowerCase().replace('_', ' ')}
            </label>
          ))}
        </fieldset>
      </details>
      {error && <ErrorView error={error} retry={() => setAttempt((n) => n + 1)} what="the graph" />}
      {busy && <Loading what="the neighbourhood" />}
      {view?.truncated && (
        <p className="notice warn" role="status" data-testid="truncated">
          Truncated: the server cut this view at its node limit. Narrow it with the filters or a
          smaller depth.
        </p>
      )}
      <div className="graph-toolbar">
        <span data-testid="graph-stats">
          {view ? `${view.nodes.length} nodes, ${view.edges.length} links` : 'No node chosen yet.'}
        </span>
        <button type="button" onClick={exportPng} disabled={!view}>
          Export PNG
        </button>
        <button type="button" onClick={exportGraphml} disabled={!node}>
          Export GraphML
        </button>
        <span role="status" aria-live="polite">
          {message}
        </span>
      </div>
      <ul className="graph-legend" aria-label="Legend">
        {NODE_TYPES.filter((t) => !view || view.nodes.some((n) => n.type === t)).map((t) => (
          <li key={t}>
            <span
              className={`legend-mark shape-${STYLE[t].shape}`}
              style={{ background: STYLE[t].color }}
              aria-hidden="true"
            />{' '}
            {NODE_TYPE_LABEL[t]} ({STYLE[t].shape.replace('round-', 'rounded ')})
          </li>
        ))}
        <li>
          <span className="legend-line supports" aria-hidden="true" /> supports
        </li>
        <li>
          <span className="legend-line contradicts" aria-hidden="true" /> contradicts
        </li>
      </ul>
      <div
        ref={canvas}
        className="graph-canvas"
        data-testid="graph-canvas"
        data-node-count={view ? view.nodes.length : 0}
        role="img"
        aria-label={
          view
            ? `Graph of ${view.nodes.length} nodes and ${view.edges.length} links; listed below.`
            : 'Empty graph'
        }
      />
      {selected && (
        <p className="selected">
          Selected: {NODE_TYPE_LABEL[selected.type]}{' '}
          <Link to={nodePath(selected.type, selected.id)}>{selected.label}</Link>
        </p>
      )}
      {view && (
        <details className="node-list">
          <summary>Nodes in this view ({view.nodes.length})</summary>
          <ul>
            {view.nodes.map((n) => (
              <li key={n.id}>
                <span className="option-type">{NODE_TYPE_LABEL[n.type]}</span>{' '}
                <Link to={nodePath(n.type, n.id)}>{n.label}</Link>{' '}
                <button type="button" className="link-button" onClick={() => void expand(n.id)}>
                  Expand<span className="visually-hidden"> {n.label}</span>
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
      <PathFinder
        from={node}
        onShow={(p) => {
          setView({ nodes: p.nodes, edges: p.edges, truncated: false });
        }}
      />
    </Page>
  );
}

function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function StartForm({
  node,
  depth,
  onSubmit,
}: {
  node: string;
  depth: number;
  onSubmit: (id: string, depth: number) => void;
}) {
  const [id, setId] = useState(node);
  const [d, setD] = useState(depth);
  useEffect(() => setId(node), [node]);
  return (
    <form
      className="inline-form"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        if (id.trim()) onSubmit(id.trim(), d);
      }}
    >
      <label>
        Start node (id){' '}
        <input
          type="text"
          value={id}
          onChange={(e) => setId(e.target.value)}
          placeholder="e.g. fibromyalgia"
        />
      </label>
      <label>
        Depth{' '}
        <select value={d} onChange={(e) => setD(Number(e.target.value))}>
          <option value={1}>1</option>
          <option value={2}>2</option>
          <option value={3}>3</option>
        </select>
      </label>
      <button type="submit">Show</button>
    </form>
  );
}

type Path = { length: number; nodes: GNode[]; edges: GEdge[] };

function PathFinder({ from, onShow }: { from: string; onShow: (p: Path) => void }) {
  const [a, setA] = useState(from);
  const [b, setB] = useState('');
  const [paths, setPaths] = useState<Path[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => setA(from), [from]);
  const find = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setPaths(null);
    try {
      const d = await request(Paths, { from: a.trim(), to: b.trim(), maxLength: 5 });
      setPaths(d.paths);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError('server', String(err)));
    }
  };
  return (
    <section aria-labelledby="paths-heading" className="path-finder">
      <h2 id="paths-heading">Path finder</h2>
      <form className="inline-form" onSubmit={find}>
        <label>
          From (id) <input type="text" value={a} onChange={(e) => setA(e.target.value)} />
        </label>
        <label>
          To (id){' '}
          <input
            type="text"
            value={b}
            onChange={(e) => setB(e.target.value)}
            placeholder="e.g. study-pastrak-2021"
          />
        </label>
        <button type="submit">Find paths</button>
      </form>
      {error && <ErrorView error={error} what="the paths" />}
      {paths && paths.length === 0 && (
        <p role="status">No path of at most 5 steps joins these nodes.</p>
      )}
      {paths && paths.length > 0 && (
        <ol>
          {paths.map((p, i) => (
            <li key={i}>
              {p.nodes.map((n, j) => (
                <span key={n.id}>
                  {j > 0 && <> — {p.edges[j - 1]?.type.toLowerCase()} — </>}
                  <Link to={nodePath(n.type, n.id)}>{n.label}</Link>
                </span>
              ))}{' '}
              <button type="button" className="link-button" onClick={() => onShow(p)}>
                Draw this path
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
