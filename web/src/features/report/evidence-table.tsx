import { Link } from 'react-router-dom';
import type { EvidenceRowFragment } from '../../gql/graphql';
import { ReviewBadge } from '../../shared/badges';
import { DESIGN_LABEL } from '../../shared/labels';
import { StudyLinks } from '../../shared/study-links';

/** How a study may differ from the claim it bears on (GRADE's indirectness domains). */
const DIFFERS_IN: Record<string, string> = {
  POPULATION: 'Population',
  INTERVENTION: 'Intervention',
  COMPARATOR: 'Comparator',
  OUTCOME: 'Outcome',
  TIMEFRAME: 'Timeframe',
};

/**
 * Studies bearing on a claim: design, year, participants and links out, and how each study differs
 * from the claim where it does (indirect support counts one step lower, two for several domains).
 */
export function EvidenceTable({
  caption,
  links,
}: {
  caption: string;
  links: EvidenceRowFragment[];
}) {
  if (!links.length) return null;
  return (
    <div className="table-wrap">
      <table className="evidence-table">
        <caption>
          {caption} ({links.length})
        </caption>
        <thead>
          <tr>
            <th scope="col">Study</th>
            <th scope="col">Design</th>
            <th scope="col">Year</th>
            <th scope="col">Participants</th>
            <th scope="col">Links</th>
          </tr>
        </thead>
        <tbody>
          {links.map((l) => (
            <tr key={l.id} className={l.study.retracted ? 'retracted' : undefined}>
              <td>
                <Link to={`/studies/${encodeURIComponent(l.study.id)}`}>{l.study.title}</Link>
                {l.study.retracted && (
                  <strong className="badge retracted-badge"> Retracted — not counted</strong>
                )}
                <ReviewBadge status={l.reviewStatus} />
                {l.note && <div className="note">{l.note}</div>}
                {l.indirectness.length > 0 && (
                  <ul className="indirectness" aria-label="Differs from the claim">
                    {l.indirectness.map((d) => (
                      <li key={d.domain}>
                        <strong>Indirect — {DIFFERS_IN[d.domain] ?? d.domain}:</strong> {d.reason}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>{DESIGN_LABEL[l.study.design]}</td>
              <td>{l.study.year ?? '—'}</td>
              <td>{l.study.sampleSize ?? '—'}</td>
              <td>
                <StudyLinks doi={l.study.doi} pmid={l.study.pmid} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
