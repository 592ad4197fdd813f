import { ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { canEdit, useSession } from '../../api/session';
import { useQuery } from '../../api/use-query';
import { graphql } from '../../gql';
import { ErrorView, Loading } from '../../shared/error-view';
import { Page } from '../../shared/page';
import { Segment, segments } from '../source/segments';
import { ClaimChoice, codePoints, gapDescription, trimmed, WorkItem, WorkLink } from './curation';
import type { Suggestion } from './types';
import { WorkCard } from './work-card';
import { AnchorForm, FindPassage } from './anchor-form';
import { SubmitBar } from './submit-bar';
import { LinkStudy } from './link-study';
import { ReviewSource, waitingItems } from './review-source';

const WorkspaceSource = graphql(`
  query WorkspaceSource($id: ID!) {
    source(id: $id) {
      id
      title
      url
      text
      statements {
        id
        quote
        start
        end
        hedging
        reviewStatus
        claim {
          id
          text
          reviewStatus
          evidence {
            id
            relation
            reviewStatus
            study {
              title
            }
          }
          gaps {
            id
            kind
            description
            reviewStatus
          }
        }
      }
    }
  }
`);

const WorkspaceSuggestions = graphql(`
  query WorkspaceSuggestions($id: ID!) {
    suggestStatements(sourceId: $id) {
      start
      end
      text
      hedging
      hedgingCues
      conditions {
        id
        name
      }
      mechanisms {
        id
        name
      }
      intervention {
        id
        name
      }
      claimCandidates {
        score
        claim {
          id
          text
        }
      }
      proposedClaimText
      proposedGap {
        kind
        cue
      }
    }
  }
`);

/** A suggestion as a work item: its best candidate, or a new claim when none fits well. */
function fromSuggestion(s: Suggestion, index: number): WorkItem {
  const best = s.claimCandidates[0];
  const claim: ClaimChoice =
    best && !s.proposedClaimText
      ? { kind: 'existing', claimId: best.claim.id, text: best.claim.text }
      : { kind: 'new', text: s.proposedClaimText ?? s.text, claimKind: 'EFFICACY' };
  return {
    id: `s${index}`,
    origin: 'suggestion',
    start: s.start,
    end: s.end,
    quote: s.text,
    hedging: s.hedging,
    claim,
    conditionIds: s.conditions.map((c) => c.id),
    mechanismIds: s.mechanisms.map((m) => m.id),
    interventionId: s.intervention?.id ?? null,
    gap: s.proposedGap
      ? { kind: s.proposedGap.kind, description: gapDescription(s.proposedGap.cue), include: true }
      : { kind: 'NO_STUDY', description: '', include: false },
    status: 'open',
  };
}

/** The code-point offset in the source of a DOM position inside the text pane (or null). */
function offsetOf(node: Node, offset: number): number | null {
  if (node.nodeType === Node.TEXT_NODE) {
    const host = node.parentElement?.closest('[data-at]');
    if (!host) return null;
    return Number(host.getAttribute('data-at')) + codePoints(node.textContent ?? '', offset);
  }
  if (!(node instanceof Element)) return null;
  const child = node.childNodes[offset];
  if (child) {
    const leaf =
      child instanceof Element
        ? child.matches('[data-at]')
          ? child
          : child.querySelector('[data-at]')
        : child.parentElement?.closest('[data-at]');
    return leaf ? Number(leaf.getAttribute('data-at')) : null;
  }
  const leaves = node.querySelectorAll('[data-at]');
  const last = leaves[leaves.length - 1];
  return last
    ? Number(last.getAttribute('data-at')) + Array.from(last.textContent ?? '').length
    : null;
}

interface Marked {
  id: string;
  start: number;
  end: number;
  className: string;
  label: string;
}

function render(chars: string[], parts: Segment<Marked>[], active: string | null): ReactNode[] {
  return parts.map((p) => {
    if (p.kind === 'text')
      return (
        <span key={`t${p.start}`} data-at={p.start}>
          {chars.slice(p.start, p.end).join('')}
        </span>
      );
    const m = p.span;
    return (
      <mark
        key={`${m.id}-${p.start}`}
        data-mark={m.id}
        className={`${m.className}${active === m.id ? ' target' : ''}`}
        title={m.label}
      >
        {render(chars, p.children, active)}
      </mark>
    );
  });
}

/** One workspace per source: another source's address starts afresh. */
export function WorkspacePage() {
  const { id = '' } = useParams();
  return <Workspace key={id} id={id} />;
}

function Workspace({ id }: { id: string }) {
  const session = useSession();
  const editor = canEdit(session);
  const source = useQuery(WorkspaceSource, { id }, { skip: !editor });
  const suggested = useQuery(WorkspaceSuggestions, { id }, { skip: !editor });
  const [items, setItems] = useState<WorkItem[] | null>(null);
  const [links, setLinks] = useState<WorkLink[]>([]);
  const [problems, setProblems] = useState<Record<string, string[]>>({});
  const [active, setActive] = useState<string | null>(null);
  const [selection, setSelection] = useState<{ start: number; end: number } | null>(null);
  const [anchoring, setAnchoring] = useState(false);
  const textRef = useRef<HTMLElement>(null);

  useEffect(() => {
    if (suggested.data && items === null)
      setItems(suggested.data.suggestStatements.map(fromSuggestion));
  }, [suggested.data, items]);

  const src = source.data?.source ?? null;
  const chars = useMemo(() => (src ? Array.from(src.text) : []), [src]);
  const storedAt = useMemo(
    () => new Set((src?.statements ?? []).map((s) => `${s.start}:${s.end}`)),
    [src],
  );
  // A suggestion whose span is already a stored statement needs nothing more.
  const shown = useMemo(
    () =>
      (items ?? []).map((i) =>
        i.status !== 'stored' && storedAt.has(`${i.start}:${i.end}`) && i.origin === 'suggestion'
          ? { ...i, status: 'stored' as const }
          : i,
      ),
    [items, storedAt],
  );

  const body = useMemo(() => {
    if (!src) return null;
    const spans: Marked[] = [
      ...src.statements
        .filter((s) => s.reviewStatus !== 'REJECTED')
        .map((s) => ({
          id: s.id,
          start: s.start,
          end: s.end,
          className: `stmt stored${s.reviewStatus === 'SUBMITTED' ? ' pending' : ''}`,
          label: `Stored statement: ${s.claim.text}`,
        })),
      ...shown
        .filter((i) => i.status === 'open' || i.status === 'accepted')
        .map((i) => ({
          id: i.id,
          start: i.start,
          end: i.end,
          className: `sugg ${i.status}`,
          label: i.status === 'accepted' ? 'Accepted, not yet submitted' : 'Suggested',
        })),
    ];
    return render(chars, segments(chars.length, spans), active);
  }, [src, chars, shown, active]);

  if (!editor) {
    return (
      <Page title="Editor workspace">
        <p>
          The workspace is for editors.{' '}
          <Link to="/sign-in">Sign in with an editor's API token</Link>.
        </p>
      </Page>
    );
  }

  const update = (itemId: string, change: Partial<WorkItem>) => {
    setItems((all) => (all ?? []).map((i) => (i.id === itemId ? { ...i, ...change } : i)));
    setProblems((p) => ({ ...p, [itemId]: [] }));
  };

  const captureSelection = (e: { target: EventTarget }) => {
    const sel = window.getSelection();
    const pane = textRef.current;
    if (sel?.isCollapsed && e.target instanceof Element) {
      // A click on a highlighted suggestion goes to its card.
      const mark = e.target.closest('mark[data-mark]');
      const card =
        mark && document.querySelector(`[data-item="${mark.getAttribute('data-mark')}"]`);
      if (card instanceof HTMLElement) {
        card.scrollIntoView({ block: 'nearest' });
        card.querySelector<HTMLElement>('select, input, button')?.focus({ preventScroll: true });
      }
      return;
    }
    if (!sel || sel.isCollapsed || !pane || sel.rangeCount === 0) return;
    const range = sel.getRangeAt(0);
    if (!pane.contains(range.startContainer) || !pane.contains(range.endContainer)) return;
    const start = offsetOf(range.startContainer, range.startOffset);
    const end = offsetOf(range.endContainer, range.endOffset);
    if (start === null || end === null) return;
    const span = trimmed(chars, Math.min(start, end), Math.max(start, end));
    if (span) {
      setSelection(span);
      setAnchoring(false);
    }
  };

  const addAnchored = (item: Omit<WorkItem, 'id'>) => {
    const n = (items ?? []).filter((i) => i.origin === 'selection').length;
    const next = { ...item, id: `a${n}` };
    setItems((all) => [...(all ?? []), next]);
    setSelection(null);
    setAnchoring(false);
  };

  const pending = shown.filter((i) => i.status === 'open');
  // New claims of this batch, for a second passage stating the same one.
  const batchClaims = shown
    .filter((i) => i.status === 'accepted' && i.claim.kind === 'new')
    .map((i) => ({ item: i.id, text: i.claim.text }));
  const pageConditions = new Map<string, string>();
  for (const sg of suggested.data?.suggestStatements ?? [])
    for (const c of sg.conditions) pageConditions.set(c.id, c.name);
  const accepted = shown.filter((i) => i.status === 'accepted');
  const sentLinks = links.filter(
    (l) => !('item' in l.claim) || accepted.some((i) => 'item' in l.claim && i.id === l.claim.item),
  );
  const waiting = src ? waitingItems(src) : [];
  // On top, where a reviewer looks first (and in one place, so its message outlives the refetch).
  const review = src && (
    <ReviewSource sourceId={src.id} waiting={waiting} onDone={() => source.retry()} />
  );
  const storedStatus = new Map(
    (src?.statements ?? []).map((st) => [`${st.start}:${st.end}`, st.reviewStatus]),
  );

  return (
    <Page
      title={src ? `Workspace: ${src.title}` : 'Editor workspace'}
      heading={
        src ? (
          <>
            <span className="muted">Workspace:</span> {src.title}
          </>
        ) : undefined
      }
    >
      {source.error && <ErrorView error={source.error} retry={source.retry} what="this source" />}
      {source.loading && !source.data && <Loading what="the source" />}
      {source.data && !src && (
        <div className="notice" role="alert">
          <p>There is no source with this address.</p>
        </div>
      )}
      {src && (
        <>
          <p className="meta">
            <Link to={`/sources/${encodeURIComponent(src.id)}`}>The source as readers see it</Link>{' '}
            · {src.statements.length} statements stored · {pending.length} suggestion
            {pending.length === 1 ? '' : 's'} to decide · {accepted.length} accepted, not yet
            submitted. Select any passage with the mouse to anchor it to a claim.
          </p>
          <div className="source-layout">
            <div>
              <article
                ref={textRef}
                className="source-text workspace-text"
                aria-label="Source text"
                onMouseUp={captureSelection}
                onKeyUp={captureSelection}
              >
                {body}
              </article>
              <p className="hint legend">
                <mark className="sugg open">suggested</mark>{' '}
                <mark className="sugg accepted">accepted</mark>{' '}
                <mark className="stmt stored">stored</mark>{' '}
                <mark className="stmt stored pending">stored, waiting for review</mark>
              </p>
            </div>
            <aside className="statement-side workspace-side" aria-label="Curation">
              {!selection && (
                <FindPassage
                  text={src.text}
                  onFound={(span) => {
                    setSelection(span);
                    setAnchoring(true);
                  }}
                />
              )}
              {selection && (
                <section className="anchor-box" aria-labelledby="anchor-heading">
                  <h2 id="anchor-heading">Selected passage</h2>
                  <p>
                    <q>{chars.slice(selection.start, selection.end).join('')}</q>
                  </p>
                  {anchoring ? (
                    <AnchorForm
                      batchClaims={batchClaims}
                      pageConditions={pageConditions}
                      quote={chars.slice(selection.start, selection.end).join('')}
                      span={selection}
                      onAdd={addAnchored}
                      onCancel={() => setAnchoring(false)}
                    />
                  ) : (
                    <div className="review-actions">
                      <button type="button" onClick={() => setAnchoring(true)}>
                        Anchor selection
                      </button>
                      <button
                        type="button"
                        className="secondary"
                        onClick={() => setSelection(null)}
                      >
                        Clear
                      </button>
                    </div>
                  )}
                </section>
              )}
              {review}
              <SubmitBar
                source={src}
                items={shown}
                links={sentLinks}
                onProblems={(byOrigin) => {
                  setProblems(byOrigin);
                  // A refused item opens again, to be fixed where it stands.
                  setItems((all) =>
                    (all ?? []).map((i) =>
                      byOrigin[i.id]?.length && i.status === 'accepted'
                        ? { ...i, status: 'open' }
                        : i,
                    ),
                  );
                }}
                problems={problems['']}
                onStored={(ids) => {
                  setItems((all) =>
                    (all ?? []).map((i) => (ids.includes(i.id) ? { ...i, status: 'stored' } : i)),
                  );
                  setLinks([]);
                  source.retry();
                }}
              />
              <h2 id="suggestions-heading">Suggestions</h2>
              {suggested.error && (
                <ErrorView error={suggested.error} retry={suggested.retry} what="suggestions" />
              )}
              {suggested.loading && !suggested.data && (
                <Loading what="the assistant's suggestions" />
              )}
              {shown.length > 0 && pending.length > 1 && (
                <p>
                  <button
                    type="button"
                    onClick={() =>
                      setItems((all) =>
                        (all ?? []).map((i) =>
                          pending.some((p) => p.id === i.id) ? { ...i, status: 'accepted' } : i,
                        ),
                      )
                    }
                  >
                    Accept all remaining ({pending.length})
                  </button>
                </p>
              )}
              {suggested.data && shown.length === 0 && (
                <p className="muted">The assistant suggests nothing in this text.</p>
              )}
              <ol className="work-list" aria-labelledby="suggestions-heading">
                {shown.map((item) => (
                  <WorkCard
                    key={item.id}
                    item={item}
                    suggestion={
                      item.origin === 'suggestion'
                        ? suggested.data?.suggestStatements[Number(item.id.slice(1))]
                        : undefined
                    }
                    problems={problems[item.id] ?? []}
                    storedStatus={storedStatus.get(`${item.start}:${item.end}`)}
                    batchClaims={batchClaims.filter((b) => b.item !== item.id)}
                    onChange={(change) => update(item.id, change)}
                    onFocus={() => setActive(item.id)}
                  />
                ))}
              </ol>
              <LinkStudy
                source={src}
                items={shown}
                links={links}
                problems={problems}
                onAdd={(l) => setLinks((all) => [...all, l])}
                onRemove={(linkId) => setLinks((all) => all.filter((l) => l.id !== linkId))}
              />
            </aside>
          </div>
        </>
      )}
    </Page>
  );
}
