import { Link, useParams } from 'react-router-dom';
import { useQuery } from '../../api/use-query';
import { graphql } from '../../gql';
import { GradeBadge, OverclaimBadge, ReviewBadge, StatusBadge } from '../../shared/badges';
import { ErrorView, Loading } from '../../shared/error-view';
import { DESIGN_LABEL, formatDate, HEDGING_LABEL } from '../../shared/labels';
import { GradeDomains } from '../../shared/grade-domains';
import { Page } from '../../shared/page';
import { EvidenceTable } from '../report/evidence-table';

const ClaimDetail = graphql(`
  query ClaimDetail($id: ID!) {
    claim(id: $id) {
      id
      text
      kind
      reviewStatus
      intervention {
        name
      }
      conditions {
        id
        name
      }
      mechanisms {
        id
        name
      }
      assessment {
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
      }
      statements {
        id
        quote
        prefix
        suffix
        hedging
        overclaimed
        reviewStatus
        source {
          id
          title
          publisher
          url
        }
      }
      evidence {
        ...EvidenceRow
      }
      gaps {
        id
        kind
        description
        neededDesign
        status
        addressedBy {
          id
          title
        }
      }
      history(first: 50) {
        totalCount
        edges {
          node {
            id
            action
            actor
            at
            reason
            changes {
              field
              before
              after
            }
          }
        }
      }
    }
  }
`);

const ACTION_WORDS = { CREATE: 'created', UPDATE: 'changed', DELETE: 'removed' } as const;

/** A field's value as a person reads it: changes arrive as JSON text. */
function shown(json: string | null | undefined): string {
  if (json === null || json === undefined) return '(none)';
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    value = json;
  }
  const text = Array.isArray(value) ? value.join(', ') : String(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : `“${text}”`;
}

export function ClaimPage() {
  const { id = '' } = useParams();
  const { data, error, loading, retry } = useQuery(ClaimDetail, { id });
  const claim = data?.claim;
  return (
    <Page title={claim ? claim.text : 'Claim'} heading={claim ? <>“{claim.text}”</> : 'Claim'}>
      {error && <ErrorView error={error} retry={retry} what="this claim" />}
      {loading && !data && <Loading what="the claim" />}
      {data && !claim && (
        <div className="notice" role="alert">
          <p>There is no claim with this address.</p>
          <Link to="/">Search the knowledge base</Link>
        </div>
      )}
      {claim && (
        <>
          <p className="badges">
            <StatusBadge status={claim.assessment.status} />{' '}
            <GradeBadge grade={claim.assessment.grade} />{' '}
            {claim.assessment.overclaimed && <OverclaimBadge />}{' '}
            <ReviewBadge status={claim.reviewStatus} />
          </p>
          <p className="meta">
            {claim.kind.toLowerCase().replace('_', ' ')} claim
            {claim.intervention && <> · {claim.intervention.name}</>}
            {claim.conditions.length > 0 && (
              <>
                {' '}
                · about{' '}
                {claim.conditions.map((c, i) => (
                  <span key={c.id}>
                    {i > 0 && ', '}
                    <Link to={`/conditions/${encodeURIComponent(c.id)}`}>{c.name}</Link>
                  </span>
                ))}
              </>
            )}
            {claim.mechanisms.length > 0 && (
              <> · via {claim.mechanisms.map((m) => m.name).join(', ')}</>
            )}
            {' · '}
            <Link to={`/graph?node=${encodeURIComponent(claim.id)}`}>Show in the graph</Link>
          </p>
          <section aria-labelledby="assessment-heading">
            <h2 id="assessment-heading">Assessment</h2>
            <ol className="explanation">
              {claim.assessment.explanation.map((s, i) => (
                <li key={i}>{s}</li>
              ))}
            </ol>
            <GradeDomains
              certainty={claim.assessment.certainty}
              domains={claim.assessment.domains}
            />
          </section>
          <section aria-labelledby="statements-heading">
            <h2 id="statements-heading">Where it is said ({claim.statements.length})</h2>
            <ul className="statement-list">
              {claim.statements.map((s) => (
                <li key={s.id}>
                  <blockquote>
                    …{s.prefix}
                    <mark>{s.quote}</mark>
                    {s.suffix}…
                  </blockquote>
                  <p className="meta">
                    {s.source.title}
                    {s.source.publisher && <> ({s.source.publisher})</>} ·{' '}
                    {HEDGING_LABEL[s.hedging]}
                    {s.overclaimed && ' · overclaimed'}
                    {s.reviewStatus === 'SUBMITTED' && ' · pending review'}
                    {s.reviewStatus === 'REJECTED' && ' · rejected in review'} ·{' '}
                    <Link
                      className="statement-link"
                      to={`/sources/${encodeURIComponent(s.source.id)}#${encodeURIComponent(s.id)}`}
                      data-quote={s.quote}
                    >
                      Read it in the source
                      <span className="visually-hidden">: {s.source.title}</span>
                    </Link>
                  </p>
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="evidence-heading">
            <h2 id="evidence-heading">Evidence</h2>
            {claim.evidence.length === 0 && <p>No study has been linked to this claim.</p>}
            <EvidenceTable
              caption="Supporting studies"
              links={claim.evidence.filter((l) => l.relation === 'SUPPORTS')}
            />
            <EvidenceTable
              caption="Contradicting studies"
              links={claim.evidence.filter((l) => l.relation === 'CONTRADICTS')}
            />
            <EvidenceTable
              caption="Mentioned (indirect, not counted)"
              links={claim.evidence.filter((l) => l.relation === 'MENTIONS')}
            />
          </section>
          {claim.gaps.length > 0 && (
            <section aria-labelledby="gaps-heading">
              <h2 id="gaps-heading">The study that is missing</h2>
              <ul>
                {claim.gaps.map((g) => (
                  <li key={g.id} className="gap">
                    {g.description}
                    {g.neededDesign && (
                      <> (the design needed: {DESIGN_LABEL[g.neededDesign].toLowerCase()})</>
                    )}
                    {g.addressedBy && (
                      <>
                        {' '}
                        — addressed by{' '}
                        <Link to={`/studies/${encodeURIComponent(g.addressedBy.id)}`}>
                          {g.addressedBy.title}
                        </Link>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section aria-labelledby="history-heading">
            <h2 id="history-heading">Change history ({claim.history.totalCount})</h2>
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">
                  Who changed this claim, when, what and why
                </caption>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Who</th>
                    <th scope="col">What</th>
                    <th scope="col">Why</th>
                  </tr>
                </thead>
                <tbody>
                  {claim.history.edges.map(({ node: r }) => (
                    <tr key={r.id}>
                      <td>{formatDate(r.at)}</td>
                      <td>{r.actor}</td>
                      <td>
                        {ACTION_WORDS[r.action]}
                        {r.action === 'UPDATE' && r.changes.length > 0 && (
                          <ul className="changes">
                            {r.changes.map((c) => (
                              <li key={c.field}>
                                {c.field}: {shown(c.before)} → {shown(c.after)}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      <td>{r.reason ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </Page>
  );
}
