/** The accepted items of a source, sent as one importCuration: all or nothing. */
import { useState } from 'react';
import { ApiError, request } from '../../api/client';
import { graphql } from '../../gql';
import { curationInput, problemsByOrigin, WorkItem, WorkLink } from './curation';
import type { Source } from './types';

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

export function SubmitBar({
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
