/** One work item (a suggestion or a passage anchored by hand): accept, edit or reject it. */
import { useState } from 'react';
import type { Hedging } from '../../gql/graphql';
import { HEDGING_LABEL } from '../../shared/labels';
import { WorkItem } from './curation';
import type { Suggestion } from './types';
import { HEDGINGS } from './options';
import { ClaimPicker, GapEditor } from './claim-fields';

export function WorkCard({
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
