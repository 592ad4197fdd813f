/** The claim a work item states (an existing one or a new one) and the gap it records. */
import { useState } from 'react';
import type { ClaimKind, GapKind } from '../../gql/graphql';
import { ClaimChoice, WorkItem } from './curation';
import { CLAIM_KINDS } from './options';

export function ClaimPicker({
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

export function GapEditor({
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
