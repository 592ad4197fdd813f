/** Anchoring a passage chosen by the editor: by mouse (AnchorForm) or by its words (FindPassage). */
import { FormEvent, useEffect, useState } from 'react';
import { request } from '../../api/client';
import { graphql } from '../../gql';
import type { Hedging } from '../../gql/graphql';
import { HEDGING_LABEL } from '../../shared/labels';
import { ClaimChoice, findWords, WorkItem } from './curation';
import { HEDGINGS } from './options';
import { ClaimPicker } from './claim-fields';

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

export function AnchorForm({
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
export function FindPassage({
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
