/** Links out to the study's record at doi.org and PubMed, when it has those identifiers. */
export function StudyLinks({ doi, pmid }: { doi?: string | null; pmid?: string | null }) {
  if (!doi && !pmid) return <span className="muted">no identifier</span>;
  return (
    <span className="study-links">
      {doi && (
        <a href={`https://doi.org/${doi}`} rel="noopener noreferrer" target="_blank">
          DOI<span className="visually-hidden"> {doi} (opens doi.org)</span>
        </a>
      )}
      {doi && pmid && ' · '}
      {pmid && (
        <a
          href={`https://pubmed.ncbi.nlm.nih.gov/${pmid}/`}
          rel="noopener noreferrer"
          target="_blank"
        >
          PubMed<span className="visually-hidden"> {pmid} (opens PubMed)</span>
        </a>
      )}
    </span>
  );
}
