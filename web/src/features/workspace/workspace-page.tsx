import { FormEvent, ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError, request } from '../../api/client';
import { canEdit, useSession } from '../../api/session';
import { useQuery } from '../../api/use-query';
import { graphql } from '../../gql';
import type {
  ClaimKind,
  EvidenceRelation,
  GapKind,
  Hedging,
  WorkspaceSourceQuery,
  WorkspaceSuggestionsQuery,
} from '../../gql/graphql';
import { ErrorView, Loading } from '../../shared/error-view';
import { HEDGING_LABEL } from '../../shared/labels';
import { Page } from '../../shared/page';
import { Segment, segments } from '../source/segments';
import {
  ClaimChoice,
  codePoints,
  curationInput,
  findWords,
  gapDescription,
  problemsByOrigin,
  trimmed,
  WorkItem,
  WorkLink,
} from './curation';

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

const SimilarClaims = graphql(`
  query WorkspaceSimilarClaims($text: String!) {
    similarClaims(text: $text, first: 6) {
      score
      claim {
        id
        text
      }
    }
  }
`);

const StudyByDoi = graphql(`
  query WorkspaceStudyByDoi($doi: String!) {
    study(doi: $doi) {
      id
      title
      year
    }
  }
`);

const StudyByPmid = graphql(`
  query WorkspaceStudyByPmid($pmid: String!) {
    study(pmid: $pmid) {
      id
      title
      year
    }
  }
`);

const StudiesByTitle = graphql(`
  query WorkspaceStudiesByTitle($title: String!) {
    studies(filter: { title: $title }, first: 8) {
      edges {
        node {
          id
          title
          year
        }
      }
    }
  }
`);

const ImportCuration = graphql(`
  mutation WorkspaceImport($input: ImportCurationInput!) {
    importCuration(input: $input) {
      created
      items {
        item
        key
        id
        created
      }
    }
  }
`);

const AcceptSource = graphql(`
  mutation WorkspaceAcceptAll($input: ReviewChangesInput!) {
    reviewChanges(input: $input) {
      __typename
      ... on Claim {
        id
      }
      ... on Statement {
        id
      }
      ... on EvidenceLink {
        id
      }
      ... on EvidenceGap {
        id
      }
    }
  }
`);

type Source = NonNullable<WorkspaceSourceQuery['source']>;
type Suggestion = WorkspaceSuggestionsQuery['suggestStatements'][number];

const CLAIM_KINDS: Record<ClaimKind, string> = {
  EFFICACY: 'Efficacy',
  ONSET: 'Onset',
  DURATION: 'Duration',
  MECHANISM: 'Mechanism',
  SAFETY: 'Safety',
  ADVERSE_EFFECT: 'Adverse effect',
  DEPENDENCE: 'Dependence',
  PROCEDURE: 'Procedure',
};
const HEDGINGS: Hedging[] = ['ASSERTIVE', 'HEDGED', 'ATTRIBUTED'];
const RELATIONS: Record<EvidenceRelation, string> = {
  SUPPORTS: 'supports',
  CONTRADICTS: 'contradicts',
  MENTIONS: 'mentions (indirect, not counted)',
};

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

function ClaimPicker({
  name,
  candidates,
  batchClaims,
  claim,
  onChange,
}: {
  name: string;
  candidates: Array<{ id: string; text: string; score?: number }>;
  batchClaims: Array<{ item: string; text: string }>;
  claim: ClaimChoice;
  onChange: (c: ClaimChoice) => void;
}) {
  const [draft, setDraft] = useState<{ text: string; claimKind: ClaimKind }>(
    claim.kind === 'new' ? claim : { text: '', claimKind: 'EFFICACY' },
  );
  const setNew = (d: { text: string; claimKind: ClaimKind }) => {
    setDraft(d);
    onChange({ kind: 'new', ...d });
  };
  return (
    <fieldset className="claim-picker">
      <legend>Claim it states</legend>
      {candidates.map((c) => (
        <label key={c.id} className="choice">
          <input
            type="radio"
            name={name}
            checked={claim.kind === 'existing' && claim.claimId === c.id}
            onChange={() => onChange({ kind: 'existing', claimId: c.id, text: c.text })}
          />{' '}
          {c.text}
          {c.score !== undefined && <span className="muted"> ({c.score.toFixed(2)})</span>}
        </label>
      ))}
      {batchClaims.map((b) => (
        <label key={b.item} className="choice">
          <input
            type="radio"
            name={name}
            checked={claim.kind === 'same-as' && claim.item === b.item}
            onChange={() => onChange({ kind: 'same-as', item: b.item, text: b.text })}
          />{' '}
          {b.text} <span className="muted">(new in this batch)</span>
        </label>
      ))}
      <label className="choice">
        <input
          type="radio"
          name={name}
          checked={claim.kind === 'new'}
          onChange={() => setNew(draft)}
        />{' '}
        A new claim
      </label>
      {claim.kind === 'new' && (
        <div className="new-claim">
          <label htmlFor={`${name}-text`}>New claim text</label>
          <textarea
            id={`${name}-text`}
            rows={2}
            value={claim.text}
            onChange={(e) => setNew({ ...draft, text: e.target.value })}
          />
          <label htmlFor={`${name}-kind`}>Kind</label>
          <select
            id={`${name}-kind`}
            value={claim.claimKind}
            onChange={(e) => setNew({ ...draft, claimKind: e.target.value as ClaimKind })}
          >
            {Object.entries(CLAIM_KINDS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      )}
    </fieldset>
  );
}

function WorkCard({
  item,
  suggestion,
  problems,
  storedStatus,
  batchClaims,
  onChange,
  onFocus,
}: {
  item: WorkItem;
  suggestion?: Suggestion;
  problems: string[];
  storedStatus?: string;
  batchClaims: Array<{ item: string; text: string }>;
  onChange: (change: Partial<WorkItem>) => void;
  onFocus: () => void;
}) {
  const open = item.status === 'open';
  const [message, setMessage] = useState('');
  const accept = () => {
    if (item.claim.kind === 'new' && !item.claim.text.trim())
      return setMessage('Write the new claim, or choose one.');
    if (item.gap.include && !item.gap.description.trim())
      return setMessage('Say what evidence is missing, or untick the gap.');
    setMessage('');
    onChange({ status: 'accepted' });
  };
  const headingId = `${item.id}-quote`;
  return (
    <li
      className={`work-item ${item.status}`}
      data-item={item.id}
      aria-labelledby={headingId}
      onFocus={onFocus}
      onMouseEnter={onFocus}
    >
      <p id={headingId} className="work-quote">
        <q>{item.quote}</q>
      </p>
      {suggestion && (
        <p className="meta">
          {suggestion.conditions.length > 0 && (
            <>Names {suggestion.conditions.map((c) => c.name).join(', ')}. </>
          )}
          {suggestion.mechanisms.length > 0 && (
            <>Mechanisms: {suggestion.mechanisms.map((m) => m.name).join(', ')}. </>
          )}
          {suggestion.intervention && <>About {suggestion.intervention.name}.</>}
        </p>
      )}
      {item.status === 'stored' ? (
        <p className="outcome" role="status">
          {storedStatus === 'ACCEPTED'
            ? 'Stored and accepted in review.'
            : storedStatus === 'REJECTED'
              ? 'Stored, then rejected in review.'
              : 'Stored, waiting for review.'}
        </p>
      ) : (
        <>
          {open && (
            <>
              <label htmlFor={`${item.id}-hedging`}>Hedging</label>{' '}
              <select
                id={`${item.id}-hedging`}
                value={item.hedging}
                onChange={(e) => onChange({ hedging: e.target.value as Hedging })}
              >
                {HEDGINGS.map((h) => (
                  <option key={h} value={h}>
                    {HEDGING_LABEL[h]}
                  </option>
                ))}
              </select>
              {suggestion && suggestion.hedgingCues.length > 0 && (
                <span className="meta">
                  {' '}
                  (cues: {suggestion.hedgingCues.map((c) => `“${c}”`).join(', ')})
                </span>
              )}
              <ClaimPicker
                name={`${item.id}-claim`}
                candidates={
                  suggestion
                    ? suggestion.claimCandidates
                        .slice(0, 3)
                        .map((c) => ({ id: c.claim.id, text: c.claim.text, score: c.score }))
                    : item.claim.kind === 'existing'
                      ? [{ id: item.claim.claimId, text: item.claim.text }]
                      : []
                }
                batchClaims={batchClaims}
                claim={item.claim}
                onChange={(claim) => onChange({ claim })}
              />
              <GapEditor
                id={`${item.id}-gap`}
                gap={item.gap}
                cue={suggestion?.proposedGap?.cue}
                onChange={(gap) => onChange({ gap })}
              />
            </>
          )}
          {!open && (
            <p className="meta">
              {item.status === 'accepted' ? 'Accepted' : 'Rejected'}
              {item.status === 'accepted' && (
                <>
                  {' '}
                  · {HEDGING_LABEL[item.hedging]} · states{' '}
                  {item.claim.kind === 'new' ? 'a new claim: ' : ''}“{item.claim.text}”
                  {item.gap.include ? ' · with a gap' : ''}
                </>
              )}
            </p>
          )}
          <div className="review-actions">
            {open ? (
              <>
                <button type="button" onClick={accept}>
                  Accept
                </button>
                <button
                  type="button"
                  className="secondary"
                  onClick={() => onChange({ status: 'rejected' })}
                >
                  Reject
                </button>
              </>
            ) : (
              <button
                type="button"
                className="secondary"
                onClick={() => onChange({ status: 'open' })}
              >
                Undo
              </button>
            )}
          </div>
        </>
      )}
      {message && (
        <p role="alert" className="form-message">
          {message}
        </p>
      )}
      {problems.length > 0 && (
        <div role="alert">
          <ul className="form-message problems">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
    </li>
  );
}

function AnchorForm({
  quote,
  span,
  batchClaims,
  pageConditions,
  onAdd,
  onCancel,
}: {
  quote: string;
  span: { start: number; end: number };
  batchClaims: Array<{ item: string; text: string }>;
  pageConditions: Map<string, string>;
  onAdd: (item: Omit<WorkItem, 'id'>) => void;
  onCancel: () => void;
}) {
  const [conditionIds, setConditionIds] = useState<string[]>([]);
  const [hedging, setHedging] = useState<Hedging>('ASSERTIVE');
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<Array<{ id: string; text: string; score: number }>>([]);
  const [claim, setClaim] = useState<ClaimChoice>({ kind: 'new', text: '', claimKind: 'EFFICACY' });
  const [message, setMessage] = useState('');
  // Search as you type: the claims worded most like what is typed (the last answer wins).
  useEffect(() => {
    const text = search.trim();
    if (text.length < 3) {
      setFound([]);
      return;
    }
    const abort = new AbortController();
    const timer = setTimeout(() => {
      request(SimilarClaims, { text }, abort.signal).then(
        (r) => setFound(r.similarClaims.map((m) => ({ ...m.claim, score: m.score }))),
        () => undefined,
      );
    }, 200);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [search]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (claim.kind === 'new' && !claim.text.trim()) {
      setMessage('Choose a claim from the search, or write the new claim.');
      return;
    }
    onAdd({
      origin: 'selection',
      start: span.start,
      end: span.end,
      quote,
      hedging,
      claim,
      conditionIds,
      mechanismIds: [],
      interventionId: null,
      gap: { kind: 'NO_STUDY', description: '', include: false },
      status: 'accepted',
    });
  };
  return (
    <form onSubmit={submit} className="stack">
      <label htmlFor="anchor-hedging">Hedging</label>
      <select
        id="anchor-hedging"
        value={hedging}
        onChange={(e) => setHedging(e.target.value as Hedging)}
      >
        {HEDGINGS.map((h) => (
          <option key={h} value={h}>
            {HEDGING_LABEL[h]}
          </option>
        ))}
      </select>
      <label htmlFor="anchor-search">Find a claim (similar claims as you type)</label>
      <input
        id="anchor-search"
        type="search"
        value={search}
        autoComplete="off"
        aria-describedby="anchor-search-help"
        onChange={(e) => {
          // What is typed is the new claim's text too, until the editor words it otherwise.
          if (claim.kind === 'new' && claim.text === search)
            setClaim({ ...claim, text: e.target.value });
          setSearch(e.target.value);
        }}
      />
      <p id="anchor-search-help" className="hint">
        Choose a claim offered below, or keep typing to write a new one.
      </p>
      <ClaimPicker
        name="anchor-claim"
        candidates={found}
        batchClaims={batchClaims}
        claim={claim}
        onChange={setClaim}
      />
      {claim.kind === 'new' && pageConditions.size > 0 && (
        <fieldset>
          <legend>Conditions of the new claim</legend>
          {[...pageConditions].map(([cid, name]) => (
            <label key={cid} className="inline">
              <input
                type="checkbox"
                checked={conditionIds.includes(cid)}
                onChange={(e) =>
                  setConditionIds((ids) =>
                    e.target.checked ? [...ids, cid] : ids.filter((x) => x !== cid),
                  )
                }
              />{' '}
              {name}
            </label>
          ))}
        </fieldset>
      )}
      <div className="review-actions">
        <button type="submit">Add to the batch</button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {message && (
        <p role="alert" className="form-message">
          {message}
        </p>
      )}
    </form>
  );
}

/** Anchoring without a mouse: the words typed (or pasted) are found in the text. */
function FindPassage({
  text,
  onFound,
}: {
  text: string;
  onFound: (span: { start: number; end: number }) => void;
}) {
  const [words, setWords] = useState('');
  const [message, setMessage] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const span = findWords(text, words);
    if (!span) return setMessage('These words are not in the text.');
    setMessage('');
    setWords('');
    onFound(span);
  };
  return (
    <form onSubmit={submit} className="find-passage">
      <label htmlFor="find-passage">Anchor a passage by its words</label>
      <div className="combo">
        <input
          id="find-passage"
          type="text"
          value={words}
          onChange={(e) => setWords(e.target.value)}
        />
        <button type="submit" className="secondary">
          Find passage
        </button>
      </div>
      {message && (
        <p role="alert" className="form-message">
          {message}
        </p>
      )}
    </form>
  );
}

function GapEditor({
  id,
  gap,
  cue,
  onChange,
}: {
  id: string;
  gap: WorkItem['gap'];
  cue?: string;
  onChange: (gap: WorkItem['gap']) => void;
}) {
  return (
    <div className="gap-editor">
      <label className="choice">
        <input
          type="checkbox"
          checked={gap.include}
          onChange={(e) => onChange({ ...gap, include: e.target.checked })}
        />{' '}
        Record an evidence gap
        {cue && <span className="muted"> (proposed: “{cue}” and no study cited)</span>}
      </label>
      {gap.include && (
        <div className="new-claim">
          <label htmlFor={`${id}-kind`}>Gap</label>
          <select
            id={`${id}-kind`}
            value={gap.kind}
            onChange={(e) => onChange({ ...gap, kind: e.target.value as GapKind })}
          >
            <option value="UNCITED_ASSERTION">Research asserted, none cited</option>
            <option value="NO_STUDY">No study tests the claim</option>
          </select>
          <label htmlFor={`${id}-description`}>What is missing</label>
          <textarea
            id={`${id}-description`}
            rows={2}
            value={gap.description}
            onChange={(e) => onChange({ ...gap, description: e.target.value })}
          />
        </div>
      )}
    </div>
  );
}

function SubmitBar({
  source,
  items,
  links,
  problems,
  onProblems,
  onStored,
}: {
  source: Source;
  items: WorkItem[];
  links: WorkLink[];
  problems?: string[];
  onProblems: (p: Record<string, string[]>) => void;
  onStored: (itemIds: string[]) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const accepted = items.filter((i) => i.status === 'accepted');
  const count = accepted.length + links.length;
  const submit = async () => {
    setBusy(true);
    setMessage('');
    const { input, origins } = curationInput(source.id, items, links);
    try {
      const res = await request(ImportCuration, { input });
      onProblems({});
      onStored(accepted.map((i) => i.id));
      setMessage(
        `Submitted: ${res.importCuration.created} new record${res.importCuration.created === 1 ? '' : 's'}, waiting for someone else's review.`,
      );
    } catch (err) {
      const e = err instanceof ApiError ? err : undefined;
      if (e?.details.problems?.length) {
        const byOrigin = problemsByOrigin(e.details.problems, origins);
        onProblems(byOrigin);
        setMessage(
          `Nothing was stored: ${Object.keys(byOrigin).length} item(s) refused, named below. Fix or reject them, then submit again.`,
        );
      } else {
        setMessage(
          e?.kind === 'bad-input' || e?.kind === 'forbidden' || e?.kind === 'conflict'
            ? e.message
            : 'Nothing was stored: the server could not take it right now. Try again.',
        );
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="submit-bar">
      <button type="button" disabled={busy || count === 0} onClick={submit}>
        {busy ? 'Submitting…' : `Submit ${count} item${count === 1 ? '' : 's'}`}
      </button>
      <p className="hint">
        One request: all or nothing, so a refused item stores nothing until it is fixed.
      </p>
      <div role="status" aria-live="polite" className="submit-message">
        {message && <p>{message}</p>}
        {problems && problems.length > 0 && (
          <ul className="form-message problems">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

interface StudyHit {
  id: string;
  title: string;
  year?: number | null;
}

function LinkStudy({
  source,
  items,
  links,
  problems,
  onAdd,
  onRemove,
}: {
  source: Source;
  items: WorkItem[];
  links: WorkLink[];
  problems: Record<string, string[]>;
  onAdd: (l: WorkLink) => void;
  onRemove: (linkId: string) => void;
}) {
  const claims = new Map<string, { label: string; claim: WorkLink['claim'] }>();
  for (const i of items)
    if (i.status === 'accepted')
      claims.set(`item:${i.id}`, { label: i.claim.text, claim: { item: i.id } });
  for (const s of source.statements)
    if (s.reviewStatus !== 'REJECTED' && !claims.has(`claim:${s.claim.id}`))
      claims.set(`claim:${s.claim.id}`, { label: s.claim.text, claim: { claimId: s.claim.id } });
  const [claimKey, setClaimKey] = useState('');
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<StudyHit[] | null>(null);
  const [studyId, setStudyId] = useState('');
  const [relation, setRelation] = useState<EvidenceRelation>('SUPPORTS');
  const [message, setMessage] = useState('');
  const chosenClaim = claims.get(claimKey) ?? [...claims.values()][0];

  const find = async (e: FormEvent) => {
    e.preventDefault();
    const q = query.trim();
    setMessage('');
    setHits(null);
    if (!q) return;
    try {
      let found: StudyHit[];
      if (/^(https?:\/\/(dx\.)?doi\.org\/|doi:\s*)?10\.\d{4,9}\//i.test(q)) {
        found = [(await request(StudyByDoi, { doi: q })).study].filter((s) => !!s) as StudyHit[];
      } else if (/^(pmid:?\s*)?\d{1,9}$/i.test(q)) {
        const pmid = q.replace(/^pmid:?\s*/i, '');
        found = [(await request(StudyByPmid, { pmid })).study].filter((s) => !!s) as StudyHit[];
      } else {
        found = (await request(StudiesByTitle, { title: q })).studies.edges.map((e) => e.node);
      }
      setHits(found);
      setStudyId(found[0]?.id ?? '');
      if (found.length === 0) setMessage('No study found. Import it first (npm run import).');
    } catch (err) {
      setMessage(err instanceof ApiError ? err.message : 'The search failed. Try again.');
    }
  };

  const add = () => {
    const study = hits?.find((h) => h.id === studyId);
    if (!study || !chosenClaim) return;
    onAdd({
      id: `l${Date.now().toString(36)}`,
      claim: chosenClaim.claim,
      claimText: chosenClaim.label,
      studyId: study.id,
      studyTitle: study.title,
      relation,
    });
    setHits(null);
    setQuery('');
  };

  return (
    <section aria-labelledby="link-heading">
      <h2 id="link-heading">Link a study</h2>
      {claims.size === 0 ? (
        <p className="muted">
          Accept a suggestion (or anchor a passage) first: links go to a claim.
        </p>
      ) : (
        <>
          <form onSubmit={find} className="stack">
            <label htmlFor="link-claim">Claim</label>
            <select
              id="link-claim"
              value={claimKey || [...claims.keys()][0]}
              onChange={(e) => setClaimKey(e.target.value)}
            >
              {[...claims].map(([key, c]) => (
                <option key={key} value={key}>
                  {c.label}
                </option>
              ))}
            </select>
            <label htmlFor="link-study">Study: DOI, PMID or words of its title</label>
            <div className="combo">
              <input
                id="link-study"
                type="search"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
              />
              <button type="submit">Find study</button>
            </div>
          </form>
          {hits && hits.length > 0 && (
            <div className="stack">
              <fieldset>
                <legend>Study</legend>
                {hits.map((h) => (
                  <label key={h.id} className="choice">
                    <input
                      type="radio"
                      name="link-study-choice"
                      checked={studyId === h.id}
                      onChange={() => setStudyId(h.id)}
                    />{' '}
                    {h.title}
                    {h.year ? ` (${h.year})` : ''}
                  </label>
                ))}
              </fieldset>
              <label htmlFor="link-relation">The study</label>
              <select
                id="link-relation"
                value={relation}
                onChange={(e) => setRelation(e.target.value as EvidenceRelation)}
              >
                {Object.entries(RELATIONS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
              <button type="button" onClick={add}>
                Add the link
              </button>
            </div>
          )}
          {message && (
            <p role="alert" className="form-message">
              {message}
            </p>
          )}
        </>
      )}
      {links.length > 0 && (
        <ul className="link-list">
          {links.map((l) => (
            <li key={l.id} data-link={l.id}>
              {l.studyTitle} {RELATIONS[l.relation].split(' ')[0]} “{l.claimText}”{' '}
              <button type="button" className="link-button" onClick={() => onRemove(l.id)}>
                Remove<span className="visually-hidden"> the link to {l.studyTitle}</span>
              </button>
              {(problems[l.id] ?? []).length > 0 && (
                <div role="alert">
                  <ul className="form-message problems">
                    {problems[l.id]!.map((p) => (
                      <li key={p}>{p}</li>
                    ))}
                  </ul>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

interface Waiting {
  id: string;
  type: 'New claim' | 'Statement' | 'Evidence link' | 'Gap';
  words: ReactNode;
}

/** What reviewChanges(sourceId) decides: SUBMITTED statements, their claims, links and gaps. */
function waitingItems(src: Source): Waiting[] {
  const out: Waiting[] = [];
  const seen = new Set<string>();
  const add = (w: Waiting) => {
    if (seen.has(w.id)) return;
    seen.add(w.id);
    out.push(w);
  };
  for (const s of src.statements) {
    if (s.reviewStatus === 'SUBMITTED')
      add({
        id: s.id,
        type: 'Statement',
        words: (
          <>
            <q>{s.quote}</q> ({HEDGING_LABEL[s.hedging]}) states “{s.claim.text}”
          </>
        ),
      });
  }
  for (const s of src.statements) {
    const c = s.claim;
    if (s.reviewStatus === 'REJECTED') continue;
    if (c.reviewStatus === 'SUBMITTED') add({ id: c.id, type: 'New claim', words: c.text });
    for (const l of c.evidence)
      if (l.reviewStatus === 'SUBMITTED')
        add({
          id: l.id,
          type: 'Evidence link',
          words: (
            <>
              {l.study.title} {l.relation.toLowerCase()} “{c.text}”
            </>
          ),
        });
    for (const g of c.gaps)
      if (g.reviewStatus === 'SUBMITTED')
        add({ id: g.id, type: 'Gap', words: `${g.description} (on “${c.text}”)` });
  }
  return out;
}

/** The reviewer's view of this source: what waits, and one button for all of it. */
function ReviewSource({
  sourceId,
  waiting,
  onDone,
}: {
  sourceId: string;
  waiting: Waiting[];
  onDone: () => void;
}) {
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const acceptAll = async () => {
    setBusy(true);
    setMessage('');
    try {
      const res = await request(AcceptSource, { input: { sourceId, decision: 'ACCEPT' } });
      const n = res.reviewChanges.length;
      setMessage(`Accepted ${n} item${n === 1 ? '' : 's'} of this source.`);
      onDone();
    } catch (err) {
      // The server says why in words (one's own work, a changed item, a reviewer's role).
      setMessage(
        err instanceof ApiError && err.kind !== 'unreachable' && err.kind !== 'server'
          ? `Nothing was accepted: ${err.message}`
          : 'Nothing was accepted: the server could not take it right now. Try again.',
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="review-heading">
      <h2 id="review-heading">Review this source</h2>
      {waiting.length === 0 ? (
        <p className="muted">Nothing of this source is waiting for review.</p>
      ) : (
        <>
          <p>
            {waiting.length} item{waiting.length === 1 ? '' : 's'} of this source wait for someone
            other than their author:
          </p>
          <button type="button" disabled={busy} onClick={acceptAll}>
            Accept all of this source
          </button>
          <ul className="side-list waiting-list">
            {waiting.map((w) => (
              <li key={w.id} data-waiting={w.id}>
                <span className="option-type">{w.type}</span> {w.words}
              </li>
            ))}
          </ul>
        </>
      )}
      <p role="status" aria-live="polite" className="review-message">
        {message}
      </p>
    </section>
  );
}
