/**
 * GRADE's certainty sentence and its five domains, as a table a methodologist can check: what
 * each domain's verdict is and why (the API says where a domain is not assessed, and why).
 */
const DOMAIN_LABEL: Record<string, string> = {
  RISK_OF_BIAS: 'Risk of bias',
  INCONSISTENCY: 'Inconsistency',
  INDIRECTNESS: 'Indirectness',
  IMPRECISION: 'Imprecision',
  PUBLICATION_BIAS: 'Publication bias',
};

const VERDICT_LABEL: Record<string, string> = {
  NOT_SERIOUS: 'Not serious',
  SERIOUS: 'Serious (rated down one step)',
  VERY_SERIOUS: 'Very serious (rated down two steps)',
  NOT_ASSESSED: 'Not assessed',
};

export interface DomainRow {
  domain: string;
  verdict: string;
  reason: string;
}

export function GradeDomains({ certainty, domains }: { certainty: string; domains: DomainRow[] }) {
  return (
    <div className="grade-domains">
      <p className="certainty">{certainty}</p>
      <table>
        <caption>GRADE domains</caption>
        <thead>
          <tr>
            <th scope="col">Domain</th>
            <th scope="col">Verdict</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {domains.map((d) => (
            <tr key={d.domain}>
              <th scope="row">{DOMAIN_LABEL[d.domain] ?? d.domain}</th>
              <td>{VERDICT_LABEL[d.verdict] ?? d.verdict}</td>
              <td>{d.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
