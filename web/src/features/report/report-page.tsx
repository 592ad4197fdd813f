import { lazy, Suspense } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { canEdit, useSession } from '../../api/session';
import { useQuery } from '../../api/use-query';
import { graphql } from '../../gql';
import type { EvidenceGrade, ReportQuery } from '../../gql/graphql';
import { GradeBadge, OverclaimBadge, PendingBadge, StatusBadge } from '../../shared/badges';
import { ErrorView, Loading } from '../../shared/error-view';
import {
  DESIGN_LABEL,
  formatDate,
  GRADE_LABEL,
  GRADE_ORDER,
  STATUS_LABEL,
} from '../../shared/labels';
import { GradeDomains } from '../../shared/grade-domains';
import { Page } from '../../shared/page';
import { EvidenceTable } from './evidence-table';

// Observable Plot (and d3 under it) only when a report is shown.
const EvidenceMap = lazy(() => import('./evidence-map'));

const Report = graphql(`
  query Report(
    $condition: String!
    $includeNarrower: Boolean
    $minGrade: EvidenceGrade
    $includePending: Boolean
    $asOf: DateTime
  ) {
    evidenceReport(
      condition: $condition
      includeNarrower: $includeNarrower
      minGrade: $minGrade
      includePending: $includePending
      asOf: $asOf
    ) {
      asOf
      includesPending
      condition {
        id
        name
        description
        narrower {
          id
          name
        }
      }
      conditionsIncluded {
        id
        name
      }
      summary {
        text
        claimCount
        overclaimedCount
        openGapCount
        byStatus {
          status
          count
        }
      }
      claims {
        pending
        reviewStatus
        status
        grade
        certainty
        domains {
          domain
          verdict
          reason
        }
        explanation
        overclaimed
        claim {
          id
          text
          kind
        }
        conditions {
          id
          name
        }
        statements {
          id
          quote
          hedging
          overclaimed
          source {
            id
            title
          }
        }
        supporting {
          ...EvidenceRow
        }
        contradicting {
          ...EvidenceRow
        }
        mentioning {
          ...EvidenceRow
        }
        gaps {
          id
          kind
          description
          neededDesign
          status
        }
      }
    }
  }
`);

graphql(`
  fragment EvidenceRow on EvidenceLink {
    id
    relation
    counts
    reviewStatus
    note
    indirectness {
      domain
      reason
    }
    study {
      id
      title
      year
      design
      sampleSize
      doi
      pmid
      retracted
    }
  }
`);

export type ReportClaim = ReportQuery['evidenceReport']['claims'][number];

export function ReportPage() {
  const { name = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const session = useSession();
  const editor = canEdit(session);
  const includeNarrower = params.get('narrower') !== 'no';
  const minGrade = (params.get('minGrade') as EvidenceGrade | null) ?? null;
  const includePending = editor && params.get('pending') === 'yes';
  const asOfDay = params.get('asOf');
  const asOf = asOfDay ? new Date(`${asOfDay}T23:59:59Z`).toISOString() : null;
  const { data, error, loading, retry } = useQuery(Report, {
    condition: name,
    includeNarrower,
    minGrade,
    includePending,
    asOf,
  });
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null) next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };
  const report = data?.evidenceReport;
  const title = report ? `Evidence report: ${report.condition.name}` : 'Evidence report';
  return (
    <Page title={title}>
      {error && (
        <ErrorView
          error={error}
          retry={retry}
          what="this report"
          suggestionPath={(s) => `/conditions/${encodeURIComponent(s)}`}
        />
      )}
      {!report && loading && <Loading what="the report" />}
      {report && (
        <>
          {report.condition.description && <p className="lead">{report.condition.description}</p>}
          <p className="summary" data-testid="summary">
            {report.summary.text}
          </p>
          <p className="as-of">
            As of{' '}
            {report.asOf
              ? formatDate(report.asOf)
              : `${formatDate(new Date().toISOString())} (now)`}
            {report.includesPending
              ? ' · includes items not yet reviewed'
              : ' · reviewed items only'}
            {report.conditionsIncluded.length > 1 &&
              ` · includes ${report.conditionsIncluded
                .filter((c) => c.id !== report.condition.id)
                .map((c) => c.name)
                .join(', ')}`}
          </p>
          <fieldset className="controls">
            <legend>Show</legend>
            <label>
              <input
                type="checkbox"
                checked={includeNarrower}
                onChange={(e) => set('narrower', e.target.checked ? null : 'no')}
              />{' '}
              Narrower conditions too
            </label>
            <label>
              Minimum grade{' '}
              <select
                value={minGrade ?? ''}
                onChange={(e) => set('minGrade', e.target.value || null)}
              >
                <option value="">Any</option>
                {GRADE_ORDER.filter((g) => g !== 'NONE').map((g) => (
                  <option key={g} value={g}>
                    {GRADE_LABEL[g]} or better
                  </option>
                ))}
              </select>
            </label>
            <label>
              As of{' '}
              <input
                type="date"
                value={asOfDay ?? ''}
                onChange={(e) => set('asOf', e.target.value || null)}
              />
            </label>
            {editor && (
              <label>
                <input
                  type="checkbox"
                  checked={includePending}
                  onChange={(e) => set('pending', e.target.checked ? 'yes' : null)}
                />{' '}
                Pending items (not yet reviewed)
              </label>
            )}
          </fieldset>
          {loading && <Loading what="the updated report" />}
          {report.condition.narrower.length > 0 && (
            <p>
              Narrower conditions:{' '}
              {report.condition.narrower.map((c, i) => (
                <span key={c.id}>
                  {i > 0 && ', '}
                  <Link to={`/conditions/${encodeURIComponent(c.id)}`}>{c.name}</Link>
                </span>
              ))}
            </p>
          )}
          <section aria-labelledby="map-heading" className="map-section">
            <h2 id="map-heading">Evidence map</h2>
            <ul className="status-counts" aria-label="Claims by status">
              {report.summary.byStatus.map((s) => (
                <li key={s.status}>
                  <StatusBadge status={s.status} /> {s.count}
                </li>
              ))}
              <li>
                <OverclaimBadge /> {report.summary.overclaimedCount}
              </li>
              <li>Open gaps: {report.summary.openGapCount}</li>
            </ul>
            <Suspense fallback={<Loading what="the evidence map" />}>
              <EvidenceMap claims={report.claims} />
            </Suspense>
          </section>
          <section aria-labelledby="claims-heading">
            <h2 id="claims-heading">Claims ({report.claims.length})</h2>
            {report.claims.length === 0 && <p>No claim matches these settings.</p>}
            <ol className="claim-list">
              {report.claims.map((c) => (
                <ClaimCard key={c.claim.id} c={c} />
              ))}
            </ol>
          </section>
        </>
      )}
    </Page>
  );
}

function ClaimCard({ c }: { c: ReportClaim }) {
  const headingId = `claim-${c.claim.id}`;
  const assertive = c.statements.filter((s) => s.overclaimed);
  return (
    <li className="claim-card" aria-labelledby={headingId} data-claim-id={c.claim.id}>
      <h3 id={headingId}>
        <Link to={`/claims/${encodeURIComponent(c.claim.id)}`}>{c.claim.text}</Link>
      </h3>
      <p className="badges">
        <StatusBadge status={c.status} /> <GradeBadge grade={c.grade} />{' '}
        {c.overclaimed && <OverclaimBadge />} {c.pending && <PendingBadge />}
      </p>
      {c.overclaimed && assertive.length > 0 && (
        <div className="overclaim-note">
          <p>
            Worded as established fact while its evidence is graded{' '}
            {GRADE_LABEL[c.grade].toLowerCase()}:
          </p>
          <ul>
            {assertive.map((s) => (
              <li key={s.id}>
                <q>{s.quote}</q> —{' '}
                <Link
                  to={`/sources/${encodeURIComponent(s.source.id)}#${encodeURIComponent(s.id)}`}
                >
                  {s.source.title}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
      <details>
        <summary>
          Why {STATUS_LABEL[c.status].toLowerCase()}, graded {GRADE_LABEL[c.grade].toLowerCase()}
        </summary>
        <ol className="explanation">
          {c.explanation.map((step, i) => (
            <li key={i}>{step}</li>
          ))}
        </ol>
        <GradeDomains certainty={c.certainty} domains={c.domains} />
      </details>
      <EvidenceTable caption="Supporting studies" links={c.supporting} />
      <EvidenceTable caption="Contradicting studies" links={c.contradicting} />
      <EvidenceTable caption="Mentioned (indirect, not counted)" links={c.mentioning} />
      {c.gaps.length > 0 && (
        <div className="gaps">
          <h4>The study that is missing</h4>
          <ul>
            {c.gaps.map((g) => (
              <li key={g.id} className="gap">
                {g.description}
                {g.neededDesign && (
                  <> (the design needed: {DESIGN_LABEL[g.neededDesign].toLowerCase()})</>
                )}
                {g.status === 'ADDRESSED' && ' — since addressed'}
              </li>
            ))}
          </ul>
        </div>
      )}
      {c.statements.length > 0 && (
        <details>
          <summary>Where it is said ({c.statements.length})</summary>
          <ul>
            {c.statements.map((s) => (
              <li key={s.id}>
                <Link
                  to={`/sources/${encodeURIComponent(s.source.id)}#${encodeURIComponent(s.id)}`}
                >
                  <q>{s.quote}</q>
                </Link>{' '}
                — {s.source.title}
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}
