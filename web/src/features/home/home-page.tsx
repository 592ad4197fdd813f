import { Link } from 'react-router-dom';
import { canEdit, useSession } from '../../api/session';
import { useQuery } from '../../api/use-query';
import { graphql } from '../../gql';
import type { EvidenceStatus } from '../../gql/graphql';
import { ErrorView, Loading } from '../../shared/error-view';
import { STATUS_LABEL, STATUS_ORDER } from '../../shared/labels';
import { Page } from '../../shared/page';
import { SearchBox } from './search-box';

const Conditions = graphql(`
  query Conditions {
    conditions(first: 100) {
      totalCount
      edges {
        node {
          id
          name
          synonyms
          broader {
            id
          }
          claims {
            id
            reviewStatus
            assessment {
              status
            }
          }
        }
      }
    }
  }
`);

export function HomePage() {
  const { data, error, loading, retry } = useQuery(Conditions, {});
  const editor = canEdit(useSession());
  return (
    <Page title="What does the evidence say about ketamine?">
      <p className="lead">
        Clinics make claims about ketamine. Each claim here is linked to the words that make it and
        graded against the studies that support or contradict it.
      </p>
      <SearchBox />
      <section aria-labelledby="conditions-heading">
        <h2 id="conditions-heading">Conditions</h2>
        {loading && !data && <Loading what="the conditions" />}
        {error && <ErrorView error={error} retry={retry} what="the conditions" />}
        {data && (
          <ul className="condition-list">
            {data.conditions.edges.map(({ node }) => {
              // What clinicians see: reviewed claims; editors also learn what awaits review.
              const reviewed = node.claims.filter((c) => c.reviewStatus === 'ACCEPTED');
              const waiting = node.claims.filter((c) => c.reviewStatus === 'SUBMITTED').length;
              return (
                <li key={node.id} data-condition-id={node.id}>
                  <Link
                    to={`/conditions/${encodeURIComponent(node.id)}`}
                    className="condition-name"
                  >
                    {node.name}
                  </Link>
                  <span className="claim-count">
                    {reviewed.length} {reviewed.length === 1 ? 'claim' : 'claims'}
                    {editor && waiting > 0 && ` (+${waiting} waiting for review)`}
                  </span>
                  <StatusBar statuses={reviewed.map((c) => c.assessment.status)} />
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </Page>
  );
}

/** A small bar of the claims' statuses, with the same counts in words beside it. */
export function StatusBar({ statuses }: { statuses: EvidenceStatus[] }) {
  const counts = STATUS_ORDER.map((s) => ({
    status: s,
    n: statuses.filter((x) => x === s).length,
  })).filter((c) => c.n > 0);
  if (!statuses.length) return <span className="muted status-words">no claims yet</span>;
  return (
    <span className="status-summary">
      <span className="status-bar" aria-hidden="true">
        {counts.map((c) => (
          <span
            key={c.status}
            className={`seg status-${c.status.toLowerCase()}`}
            style={{ flexGrow: c.n }}
          />
        ))}
      </span>
      <span className="status-words">
        {counts.map((c) => `${c.n} ${STATUS_LABEL[c.status].toLowerCase()}`).join(' · ')}
      </span>
    </span>
  );
}
