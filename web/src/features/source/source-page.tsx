import { ReactNode, useEffect, useMemo, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { canEdit, useSession } from '../../api/session';
import { useQuery } from '../../api/use-query';
import { graphql } from '../../gql';
import type { SourceTextQuery } from '../../gql/graphql';
import { GradeBadge, ReviewBadge, StatusBadge } from '../../shared/badges';
import { ErrorView, Loading } from '../../shared/error-view';
import { GRADE_LABEL, HEDGING_LABEL, STATUS_LABEL } from '../../shared/labels';
import { Page } from '../../shared/page';
import { Segment, segments } from './segments';

const SourceText = graphql(`
  query SourceText($id: ID!) {
    source(id: $id) {
      id
      title
      url
      publisher
      kind
      retrievedAt
      text
      statements {
        id
        quote
        start
        end
        hedging
        overclaimed
        reviewStatus
        claim {
          id
          text
          assessment {
            status
            grade
          }
        }
      }
    }
  }
`);

type Statement = NonNullable<SourceTextQuery['source']>['statements'][number];

/** The text with every statement as a focusable mark (see segments.ts for how spans nest). */
function highlight(
  chars: string[],
  statements: Statement[],
  onFocus: (s: Statement) => void,
): ReactNode[] {
  const render = (parts: Segment<Statement>[]): ReactNode[] =>
    parts.map((p) => {
      if (p.kind === 'text') return chars.slice(p.start, p.end).join('');
      const s = p.span;
      return (
        <mark
          key={`${s.id}-${p.start}`}
          id={p.whole ? s.id : undefined}
          data-statement={s.id}
          className={`stmt status-${s.claim.assessment.status.toLowerCase()}${s.reviewStatus === 'SUBMITTED' ? ' pending' : ''}`}
          tabIndex={p.whole ? 0 : -1}
          title={`${s.claim.text} — ${STATUS_LABEL[s.claim.assessment.status]}, evidence ${GRADE_LABEL[s.claim.assessment.grade].toLowerCase()}`}
          onFocus={() => onFocus(s)}
          onMouseEnter={() => onFocus(s)}
        >
          {render(p.children)}
        </mark>
      );
    });
  // A statement rejected in review is not the source's claim any more: not highlighted.
  return render(
    segments(
      chars.length,
      statements.filter((s) => s.reviewStatus !== 'REJECTED'),
    ),
  );
}

export function SourcePage() {
  const { id = '' } = useParams();
  const { hash } = useLocation();
  const { data, error, loading, retry } = useQuery(SourceText, { id });
  const editor = canEdit(useSession());
  const source = data?.source;
  const [focused, setFocused] = useState<Statement | null>(null);
  const body = useMemo(
    () => (source ? highlight(Array.from(source.text), source.statements, setFocused) : null),
    [source],
  );
  const target = hash ? decodeURIComponent(hash.slice(1)) : '';
  useEffect(() => {
    if (!body || !target) return;
    // A statement overlapping the one before it has no whole mark: go to its first part.
    const el =
      document.getElementById(target) ??
      document.querySelector<HTMLElement>(`mark[data-statement="${CSS.escape(target)}"]`);
    if (!el) return;
    el.classList.add('target');
    el.scrollIntoView({ block: 'center' });
    el.focus({ preventScroll: true });
    return () => el.classList.remove('target');
  }, [body, target]);
  const ordered = source
    ? source.statements
        .filter((s) => s.reviewStatus !== 'REJECTED')
        .sort((a, b) => a.start - b.start)
    : [];
  return (
    <Page title={source ? source.title : 'Source'}>
      {error && <ErrorView error={error} retry={retry} what="this source" />}
      {loading && !data && <Loading what="the source" />}
      {data && !source && (
        <div className="notice" role="alert">
          <p>There is no source with this address.</p>
        </div>
      )}
      {source && (
        <>
          <p className="meta">
            {source.publisher && <>{source.publisher} · </>}
            {source.kind.toLowerCase().replace('_', ' ')}
            {source.url && (
              <>
                {' '}
                · original at <span className="url">{source.url}</span>
              </>
            )}
            {source.retrievedAt && <> · retrieved {source.retrievedAt}</>} · {ordered.length}{' '}
            statements highlighted; focus or hover one to see its claim.
            {editor && (
              <>
                {' '}
                <Link to={`/editor/sources/${encodeURIComponent(source.id)}`}>
                  Curate it in the editor workspace
                </Link>
              </>
            )}
          </p>
          <div className="source-layout">
            <article className="source-text" aria-label="Source text">
              {body}
            </article>
            <aside className="statement-side" aria-labelledby="side-heading">
              <div className="focused" aria-live="polite">
                {focused ? (
                  <>
                    <p>
                      <q>{focused.quote}</q> states:
                    </p>
                    <p>
                      <Link to={`/claims/${encodeURIComponent(focused.claim.id)}`}>
                        {focused.claim.text}
                      </Link>
                    </p>
                    <p>
                      <StatusBadge status={focused.claim.assessment.status} />{' '}
                      <GradeBadge grade={focused.claim.assessment.grade} />
                    </p>
                  </>
                ) : (
                  <p className="muted">
                    Focus or hover a highlighted passage to see the claim it makes.
                  </p>
                )}
              </div>
              <h2 id="side-heading">Statements in reading order</h2>
              <ol className="side-list">
                {ordered.map((s) => (
                  <li key={s.id}>
                    <a href={`#${encodeURIComponent(s.id)}`} onClick={() => setFocused(s)}>
                      <q>{s.quote}</q>
                    </a>
                    <span className="meta">
                      {' '}
                      {HEDGING_LABEL[s.hedging]} ·{' '}
                      <StatusBadge status={s.claim.assessment.status} />{' '}
                      <ReviewBadge status={s.reviewStatus} />
                    </span>
                  </li>
                ))}
              </ol>
            </aside>
          </div>
        </>
      )}
    </Page>
  );
}
