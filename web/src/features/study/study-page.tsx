import { Link, useParams } from 'react-router-dom';
import { useQuery } from '../../api/use-query';
import { graphql } from '../../gql';
import { GradeBadge, ReviewBadge, StatusBadge } from '../../shared/badges';
import { ErrorView, Loading } from '../../shared/error-view';
import { DESIGN_LABEL } from '../../shared/labels';
import { Page } from '../../shared/page';
import { StudyLinks } from '../../shared/study-links';

const StudyDetail = graphql(`
  query StudyDetail($id: ID!) {
    study(id: $id) {
      id
      title
      authors
      year
      journal
      doi
      pmid
      design
      sampleSize
      population
      populationConditions {
        id
        name
      }
      finding
      retracted
      retraction {
        date
        note
      }
      notices {
        id
        kind
        date
        note
      }
      evidence {
        id
        relation
        counts
        reviewStatus
        note
        claim {
          id
          text
          assessment {
            status
            grade
          }
        }
      }
      cites(first: 50) {
        totalCount
        edges {
          node {
            id
            title
            year
            retracted
          }
        }
      }
      citedBy(first: 50) {
        totalCount
        edges {
          node {
            id
            title
            year
            retracted
          }
        }
      }
    }
    retractionImpact(study: $id) {
      claims {
        relation
        claim {
          id
          text
        }
        assessment {
          status
          grade
        }
      }
      citingStudies {
        hops
        study {
          id
          title
          year
        }
      }
    }
  }
`);

const RELATION_WORDS = {
  SUPPORTS: 'supports',
  CONTRADICTS: 'contradicts',
  MENTIONS: 'mentions (indirect)',
} as const;

export function StudyPage() {
  const { id = '' } = useParams();
  const { data, error, loading, retry } = useQuery(StudyDetail, { id });
  const study = data?.study;
  const impact = data?.retractionImpact;
  return (
    <Page title={study ? study.title : 'Study'}>
      {error && <ErrorView error={error} retry={retry} what="this study" />}
      {loading && !data && <Loading what="the study" />}
      {study && (
        <>
          {study.retracted && (
            <div className="retraction-banner" role="alert">
              <strong>
                Retracted{study.retraction?.date ? ` on ${study.retraction.date}` : ''}.
              </strong>{' '}
              This study has been withdrawn and no longer counts as evidence for any claim.
              {study.retraction?.note && <> {study.retraction.note}</>}
            </div>
          )}
          <dl className="record">
            <dt>Authors</dt>
            <dd>{study.authors.join(', ') || '—'}</dd>
            <dt>Published</dt>
            <dd>
              {study.journal ?? 'journal not recorded'}
              {study.year && `, ${study.year}`}
            </dd>
            <dt>Design</dt>
            <dd>{DESIGN_LABEL[study.design]}</dd>
            <dt>Participants</dt>
            <dd>{study.sampleSize ?? 'not recorded'}</dd>
            {study.population && (
              <>
                <dt>Population</dt>
                <dd>{study.population}</dd>
              </>
            )}
            {study.populationConditions.length > 0 && (
              <>
                <dt>Population’s conditions</dt>
                <dd>{study.populationConditions.map((c) => c.name).join(', ')}</dd>
              </>
            )}
            {study.finding && (
              <>
                <dt>Finding</dt>
                <dd>{study.finding}</dd>
              </>
            )}
            <dt>Identifiers</dt>
            <dd>
              <StudyLinks doi={study.doi} pmid={study.pmid} />
            </dd>
          </dl>
          <section aria-labelledby="notices-heading">
            <h2 id="notices-heading">Notices</h2>
            {study.notices.length === 0 ? (
              <p>No retraction, expression of concern or correction is recorded.</p>
            ) : (
              <ul>
                {study.notices.map((n) => (
                  <li key={n.id} className={`notice-item ${n.kind.toLowerCase()}`}>
                    <strong>{n.kind.replace(/_/g, ' ').toLowerCase()}</strong>
                    {n.date && ` (${n.date})`}
                    {n.note && `: ${n.note}`}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="claims-heading">
            <h2 id="claims-heading">Claims it bears on ({study.evidence.length})</h2>
            <ul>
              {study.evidence.map((l) => (
                <li key={l.id}>
                  It {RELATION_WORDS[l.relation]}:{' '}
                  <Link to={`/claims/${encodeURIComponent(l.claim.id)}`}>{l.claim.text}</Link>{' '}
                  <StatusBadge status={l.claim.assessment.status} />{' '}
                  <GradeBadge grade={l.claim.assessment.grade} />
                  <ReviewBadge status={l.reviewStatus} />
                  {!l.counts && ' (not counted: retracted)'}
                  {l.note && <div className="note">{l.note}</div>}
                </li>
              ))}
            </ul>
          </section>
          <div className="two-col">
            <section aria-labelledby="cites-heading">
              <h2 id="cites-heading">Cites ({study.cites.totalCount})</h2>
              <StudyList studies={study.cites.edges.map((e) => e.node)} />
            </section>
            <section aria-labelledby="cited-heading">
              <h2 id="cited-heading">Cited by ({study.citedBy.totalCount})</h2>
              <StudyList studies={study.citedBy.edges.map((e) => e.node)} />
            </section>
          </div>
          {impact && (
            <section aria-labelledby="impact-heading">
              <h2 id="impact-heading">
                {study.retracted ? 'What the retraction touches' : 'What a retraction would touch'}
              </h2>
              <p>
                {impact.claims.length} {impact.claims.length === 1 ? 'claim relies' : 'claims rely'}{' '}
                on it; {impact.citingStudies.length}{' '}
                {impact.citingStudies.length === 1 ? 'study cites' : 'studies cite'} it directly or
                through one other study.
              </p>
              {impact.claims.length > 0 && (
                <ul>
                  {impact.claims.map((c) => (
                    <li key={c.claim.id}>
                      <Link to={`/claims/${encodeURIComponent(c.claim.id)}`}>{c.claim.text}</Link> —
                      without this study: <StatusBadge status={c.assessment.status} />{' '}
                      <GradeBadge grade={c.assessment.grade} />
                    </li>
                  ))}
                </ul>
              )}
              {impact.citingStudies.length > 0 && (
                <ul>
                  {impact.citingStudies.map((c) => (
                    <li key={c.study.id}>
                      <Link to={`/studies/${encodeURIComponent(c.study.id)}`}>{c.study.title}</Link>
                      {c.study.year && ` (${c.study.year})`} —{' '}
                      {c.hops === 1 ? 'cites it' : 'cites a study that cites it'}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          )}
          <p>
            <Link to={`/graph?node=${encodeURIComponent(study.id)}`}>
              Show this study in the graph
            </Link>
          </p>
        </>
      )}
    </Page>
  );
}

function StudyList({
  studies,
}: {
  studies: Array<{ id: string; title: string; year?: number | null; retracted: boolean }>;
}) {
  if (!studies.length) return <p className="muted">None recorded.</p>;
  return (
    <ul>
      {studies.map((s) => (
        <li key={s.id}>
          <Link to={`/studies/${encodeURIComponent(s.id)}`}>{s.title}</Link>
          {s.year && ` (${s.year})`}
          {s.retracted && <strong className="badge retracted-badge"> Retracted</strong>}
        </li>
      ))}
    </ul>
  );
}
