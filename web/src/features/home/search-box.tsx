import { useEffect, useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { request } from '../../api/client';
import { graphql } from '../../gql';
import type { NodeType } from '../../gql/graphql';
import { NODE_TYPE_LABEL, nodePath } from '../../shared/labels';

const Suggest = graphql(`
  query Suggest($text: String!) {
    conditions(search: $text, first: 5) {
      edges {
        node {
          id
          name
          synonyms
        }
      }
    }
    search(text: $text, first: 8) {
      edges {
        node {
          type
          label
          snippet
          node {
            __typename
            id
            ... on Statement {
              source {
                id
              }
            }
            ... on EvidenceGap {
              claim {
                id
              }
            }
          }
        }
      }
    }
  }
`);

export interface Option {
  key: string;
  type: NodeType;
  label: string;
  /** A synonym that matched, shown beside the name ("fibro" → Fibromyalgia). */
  note?: string;
  /** Where the words matched, the matches in [brackets] (search hits only). */
  snippet?: string;
  path: string;
}

/** Conditions first (names and synonyms), then the ranked full-text hits, each place once. */
export async function suggestions(text: string, signal?: AbortSignal): Promise<Option[]> {
  const data = await request(Suggest, { text }, signal);
  const lower = text.toLowerCase();
  const options: Option[] = data.conditions.edges.map(({ node }) => ({
    key: `CONDITION:${node.id}`,
    type: 'CONDITION',
    label: node.name,
    note: node.name.toLowerCase().includes(lower)
      ? undefined
      : node.synonyms.find((s) => s.toLowerCase().includes(lower)),
    path: nodePath('CONDITION', node.id),
  }));
  for (const { node: hit } of data.search.edges) {
    const n = hit.node;
    let path = nodePath(hit.type, n.id);
    if (n.__typename === 'Statement')
      path = `/sources/${encodeURIComponent(n.source.id)}#${encodeURIComponent(n.id)}`;
    if (n.__typename === 'EvidenceGap') path = `/claims/${encodeURIComponent(n.claim.id)}`;
    const key = `${hit.type}:${n.id}`;
    if (!options.some((o) => o.key === key))
      options.push({ key, type: hit.type, label: hit.label, snippet: hit.snippet, path });
  }
  return options;
}

/**
 * One search box for everything, as a WAI-ARIA combobox: arrows move through the suggestions,
 * Enter opens the chosen one (or the full results), Escape closes the list.
 */
export function SearchBox({
  initial = '',
  autoFocus = false,
}: {
  initial?: string;
  autoFocus?: boolean;
}) {
  const navigate = useNavigate();
  const id = useId();
  const listId = `${id}-list`;
  const [text, setText] = useState(initial);
  const [options, setOptions] = useState<Option[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState('');
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const q = text.trim();
    if (q.length < 2) {
      setOptions([]);
      setStatus('');
      return;
    }
    const abort = new AbortController();
    // A short pause: one request per pause in typing, not one per key.
    const timer = setTimeout(() => {
      suggestions(q, abort.signal).then(
        (found) => {
          setOptions(found);
          setActive(-1);
          setStatus(
            found.length
              ? `${found.length} suggestions; use the arrow keys to choose.`
              : 'No matches; press Enter to search.',
          );
        },
        () => {
          if (!abort.signal.aborted)
            setStatus('Suggestions are unavailable right now; press Enter to search.');
        },
      );
    }, 120);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [text]);

  const choose = (option: Option | undefined) => {
    setOpen(false);
    if (option) navigate(option.path);
    else if (text.trim()) navigate(`/search?q=${encodeURIComponent(text.trim())}`);
  };

  const expanded = open && options.length > 0;
  return (
    <form
      role="search"
      className="search-box"
      onSubmit={(e) => {
        e.preventDefault();
        choose(active >= 0 ? options[active] : undefined);
      }}
    >
      <label htmlFor={id}>Search conditions, claims, studies and sources</label>
      <div className="combo">
        <input
          ref={input}
          id={id}
          type="search"
          role="combobox"
          autoComplete="off"
          autoFocus={autoFocus}
          placeholder="e.g. fibromyalgia, chronic Lyme, depression"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setOpen(true);
              setActive((a) => Math.min(a + 1, options.length - 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => Math.max(a - 1, -1));
            } else if (e.key === 'Escape') {
              setOpen(false);
              setActive(-1);
            }
          }}
        />
        <button type="submit">Search</button>
        <ul
          id={listId}
          role="listbox"
          aria-label="Suggestions"
          className="suggest-list"
          hidden={!expanded}
        >
          {options.map((o, i) => (
            <li
              key={o.key}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(o);
              }}
            >
              <span className="option-type">{NODE_TYPE_LABEL[o.type]}</span>
              <span className="option-label">{o.label}</span>
              {o.note && <span className="option-note"> (“{o.note}”)</span>}
            </li>
          ))}
        </ul>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {status}
      </p>
    </form>
  );
}
