/** The reviewer's view of one source: what waits for someone other than its author. */
import { ReactNode, useState } from 'react';
import { ApiError } from '../../api/client';
import { acceptSource } from '../../api/review';
import { HEDGING_LABEL } from '../../shared/labels';
import type { Source } from './types';

interface Waiting {
  id: string;
  type: 'New claim' | 'Statement' | 'Evidence link' | 'Gap';
  words: ReactNode;
}

/** What reviewChanges(sourceId) decides: SUBMITTED statements, their claims, links and gaps. */
export function waitingItems(src: Source): Waiting[] {
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
export function ReviewSource({
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
      const n = (await acceptSource(sourceId)).length;
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
            {waiting.length === 1 ? '1 item' : `${waiting.length} items`} of this source{' '}
            {waiting.length === 1 ? 'waits' : 'wait'} for someone other than their author:
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
