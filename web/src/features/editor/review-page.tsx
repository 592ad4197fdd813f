import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, request } from '../../api/client';
import { acceptSource } from '../../api/review';
import { canEdit, useSession } from '../../api/session';
import { useQuery } from '../../api/use-query';
import { graphql } from '../../gql';
import type { ReviewQueueQuery } from '../../gql/graphql';
import { ErrorView, Loading } from '../../shared/error-view';
import { HEDGING_LABEL } from '../../shared/labels';
import { Page } from '../../shared/page';

const ReviewQueue = graphql(`
  query ReviewQueue {
    reviewQueue(first: 100) {
      totalCount
      edges {
        node {
          __typename
          ... on Claim {
            id
            version
            text
            kind
            conditions {
              id
              name
            }
          }
          ... on Statement {
            id
            version
            quote
            hedging
            claim {
              id
              text
            }
            source {
              id
              title
            }
          }
          ... on EvidenceLink {
            id
            version
            relation
            addedBy
            study {
              id
              title
            }
            claim {
              id
              text
            }
          }
          ... on EvidenceGap {
            id
            version
            gapKind: kind
            description
            claim {
              id
              text
            }
          }
          ... on Notice {
            id
            version
            noticeKind: kind
            date
            note
            study {
              id
              title
            }
          }
        }
      }
    }
  }
`);

const Review = graphql(`
  mutation Review($input: ReviewChangeInput!) {
    reviewChange(input: $input) {
      __typename
      ... on Claim {
        id
        reviewStatus
      }
      ... on Statement {
        id
        reviewStatus
      }
      ... on EvidenceLink {
        id
        reviewStatus
      }
      ... on EvidenceGap {
        id
        reviewStatus
      }
      ... on Notice {
        id
        reviewStatus
      }
    }
  }
`);

type Item = ReviewQueueQuery['reviewQueue']['edges'][number]['node'];

export function ReviewPage() {
  const session = useSession();
  const editor = canEdit(session);
  const { data, error, loading, retry } = useQuery(ReviewQueue, {}, { skip: !editor });
  const [done, setDone] = useState<Record<string, string>>({});
  if (!editor) {
    return (
      <Page title="Review queue">
        <p>
          The review queue is for editors.{' '}
          <Link to="/sign-in">Sign in with an editor's API token</Link>.
        </p>
      </Page>
    );
  }
  return (
    <Page title="Review queue">
      <p>
        Claims, statements, evidence links, gaps and notices others submitted. Clinicians see them
        once someone other than their author accepts them.
      </p>
      {error && <ErrorView error={error} retry={retry} what="the review queue" />}
      {loading && !data && <Loading what="the review queue" />}
      {data && data.reviewQueue.totalCount === 0 && <p>Nothing is waiting for review.</p>}
      {data && (
        <AcceptBySource
          items={data.reviewQueue.edges.map((e) => e.node)}
          onDone={(ids) =>
            setDone((d) => ({ ...d, ...Object.fromEntries(ids.map((id) => [id, 'Accepted'])) }))
          }
        />
      )}
      {data && (
        <ol className="review-list">
          {data.reviewQueue.edges.map(({ node }) => (
            <ReviewItem
              key={node.id}
              item={node}
              outcome={done[node.id]}
              onDone={(o) => setDone((d) => ({ ...d, [node.id]: o }))}
            />
          ))}
        </ol>
      )}
    </Page>
  );
}

/** One button per source with statements in the queue: accepts all of it in one transaction. */
function AcceptBySource({ items, onDone }: { items: Item[]; onDone: (ids: string[]) => void }) {
  const [message, setMessage] = useState('');
  const sources = new Map<string, string>();
  for (const item of items)
    if (item.__typename === 'Statement') sources.set(item.source.id, item.source.title);
  if (sources.size === 0) return null;
  const acceptAll = async (sourceId: string) => {
    setMessage('');
    try {
      onDone(await acceptSource(sourceId));
    } catch (err) {
      // The server names the item that stopped it (one the reviewer wrote, or changed meanwhile).
      setMessage(err instanceof ApiError ? err.message : 'Nothing was accepted. Try again.');
    }
  };
  return (
    <div className="review-actions">
      {[...sources].map(([id, title]) => (
        <button key={id} type="button" onClick={() => acceptAll(id)}>
          Accept all of {title}
        </button>
      ))}
      {message && (
        <p role="alert" className="form-message">
          {message}
        </p>
      )}
    </div>
  );
}

function describe(item: Item) {
  switch (item.__typename) {
    case 'Claim':
      return (
        <>
          <span className="option-type">New claim</span>{' '}
          <Link to={`/claims/${encodeURIComponent(item.id)}`}>{item.text}</Link>
          {item.conditions.length > 0 && (
            <> — about {item.conditions.map((c) => c.name).join(', ')}</>
          )}
        </>
      );
    case 'Statement':
      return (
        <>
          <span className="option-type">New statement</span> <q>{item.quote}</q> (
          {HEDGING_LABEL[item.hedging]}) in{' '}
          <Link
            to={`/sources/${encodeURIComponent(item.source.id)}#${encodeURIComponent(item.id)}`}
          >
            {item.source.title}
          </Link>
          , stating{' '}
          <Link to={`/claims/${encodeURIComponent(item.claim.id)}`}>{item.claim.text}</Link>
        </>
      );
    case 'EvidenceLink':
      return (
        <>
          <span className="option-type">New evidence</span>{' '}
          <Link to={`/studies/${encodeURIComponent(item.study.id)}`}>{item.study.title}</Link>{' '}
          {item.relation.toLowerCase()}{' '}
          <Link to={`/claims/${encodeURIComponent(item.claim.id)}`}>{item.claim.text}</Link> (added
          by {item.addedBy})
        </>
      );
  }
}

function ReviewItem({
  item,
  outcome,
  onDone,
}: {
  item: Item;
  outcome?: string;
  onDone: (o: string) => void;
}) {
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const reasonId = `reason-${item.id}`;
  const decide = async (decision: 'ACCEPT' | 'REJECT') => {
    if (decision === 'REJECT' && !reason.trim()) {
      setMessage('Give a reason to reject: the author reads it.');
      return;
    }
    setBusy(true);
    setMessage('');
    try {
      await request(Review, {
        input: {
          id: item.id,
          expectedVersion: item.version,
          decision,
          reason: reason.trim() || null,
        },
      });
      onDone(decision === 'ACCEPT' ? 'Accepted' : 'Rejected');
    } catch (err) {
      const e = err instanceof ApiError ? err : undefined;
      setMessage(
        e?.kind === 'conflict'
          ? 'Someone changed this item meanwhile. Reload the queue to see the current version.'
          : e?.kind === 'forbidden' || e?.kind === 'bad-input'
            ? e.message
            : 'The decision could not be saved right now. Try again.',
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="review-item" data-review-id={item.id}>
      <p>{describe(item)}</p>
      {outcome ? (
        <p role="status" className="outcome">
          {outcome}.
        </p>
      ) : (
        <div className="review-actions">
          <label htmlFor={reasonId}>Reason (required to reject)</label>
          <input
            id={reasonId}
            type="text"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <button type="button" disabled={busy} onClick={() => decide('ACCEPT')}>
            Accept
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => decide('REJECT')}
            className="secondary"
          >
            Reject
          </button>
          {message && (
            <p role="alert" className="form-message">
              {message}
            </p>
          )}
        </div>
      )}
    </li>
  );
}
