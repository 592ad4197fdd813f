import { Link, useSearchParams } from 'react-router-dom';
import { useEffect, useState } from 'react';
import { ApiError, request } from '../../api/client';
import { graphql } from '../../gql';
import { ErrorView, Loading } from '../../shared/error-view';
import { NODE_TYPE_LABEL } from '../../shared/labels';
import { Page } from '../../shared/page';
import { Option, SearchBox, suggestions } from './search-box';

// Nothing found: the condition lookup names its closest conditions ("fibromialgia").
const Closest = graphql(`
  query Closest($name: String!) {
    evidenceReport(condition: $name, includeNarrower: false) {
      condition {
        id
      }
    }
  }
`);

export function SearchPage() {
  const [params] = useSearchParams();
  const q = params.get('q') ?? '';
  const [state, setState] = useState<{ options?: Option[]; closest?: string[]; error?: ApiError }>(
    {},
  );
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    setState({});
    (async () => {
      const options = await suggestions(q, abort.signal);
      let closest: string[] = [];
      if (!options.length) {
        closest = await request(Closest, { name: q }, abort.signal).then(
          () => [],
          (e: unknown) => (e instanceof ApiError ? (e.details.suggestions ?? []) : []),
        );
      }
      setState({ options, closest });
    })().catch((e: unknown) => {
      if (!abort.signal.aborted)
        setState({ error: e instanceof ApiError ? e : new ApiError('server', String(e)) });
    });
    return () => abort.abort();
  }, [q, attempt]);
  return (
    <Page title={`Results for “${q}”`}>
      <SearchBox initial={q} />
      {state.error && (
        <ErrorView error={state.error} retry={() => setAttempt((n) => n + 1)} what="the results" />
      )}
      {!state.options && !state.error && <Loading what="results" />}
      {state.options && state.options.length > 0 && (
        <ul className="result-list">
          {state.options.map((o) => (
            <li key={o.key}>
              <span className="option-type">{NODE_TYPE_LABEL[o.type]}</span>{' '}
              <Link to={o.path}>{o.label}</Link>
              {o.snippet && <Snippet text={o.snippet} />}
            </li>
          ))}
        </ul>
      )}
      {state.options && state.options.length === 0 && (
        <div className="notice" role="status">
          <p>Nothing matches “{q}”.</p>
          {state.closest && state.closest.length > 0 && (
            <>
              <p>Did you mean:</p>
              <ul className="suggestions">
                {state.closest.map((name) => (
                  <li key={name}>
                    <Link to={`/conditions/${encodeURIComponent(name)}`}>{name}</Link>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </Page>
  );
}

/** The server marks matches as [words]; shown as <mark>, the brackets dropped. */
function Snippet({ text }: { text: string }) {
  const parts = text.split(/\[([^\]]*)\]/);
  return (
    <div className="snippet">{parts.map((p, i) => (i % 2 ? <mark key={i}>{p}</mark> : p))}</div>
  );
}
