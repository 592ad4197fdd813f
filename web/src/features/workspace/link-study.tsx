/** Linking a study, found by DOI, PMID or title, to a claim of this source. */
import { FormEvent, useState } from 'react';
import { ApiError, request } from '../../api/client';
import { graphql } from '../../gql';
import type { EvidenceRelation } from '../../gql/graphql';
import { WorkItem, WorkLink } from './curation';
import type { Source } from './types';
import { RELATIONS } from './options';

/** One study by DOI or by PMID (the API takes either). */
const StudyByIdentifier = graphql(`
  query WorkspaceStudyByIdentifier($doi: String, $pmid: String) {
    study(doi: $doi, pmid: $pmid) {
      id
      title
      year
    }
  }
`);

const StudiesByTitle = graphql(`
  query WorkspaceStudiesByTitle($title: String!) {
    studies(filter: { title: $title }, first: 8) {
      edges {
        node {
          id
          title
          year
        }
      }
    }
  }
`);

interface StudyHit {
  id: string;
  title: string;
  year?: number | null;
}

export function LinkStudy({
  source,
  items,
  links,
  problems,
  onAdd,
  onRemove,
}: {
  source: Source;
  items: WorkItem[];
  links: WorkLink[];
  problems: Record<string, string[]>;
  onAdd: (l: WorkLink) => void;
  onRemove: (linkId: string) => void;
}) {
  const claims = new Map<string, { label: string; claim: WorkLink['claim'] }>();
  for (const i of items)
    if (i.status === 'accepted')
      claims.set(`item:${i.id}`, { label: i.claim.text, claim: { item: i.id } });
  for (const s of source.statements)
    if (s.reviewStatus !== 'REJECTED' && !claims.has(`claim:${s.claim.id}`))
      claims.set(`claim:${s.claim.id}`, { label: s.claim.text, claim: { claimId: s.claim.id } });
  const [claimKey, setClaimKey] = useState('');
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<StudyHit[] | null>(null);
  const [studyId, setStudyId] = useState('');
  const [relation, setRelation] = useState<EvidenceRelation>('SUPPORTS');
  const [message, setMessage] = useState('');
  const chosenClaim = claims.get(claimKey) ?? [...claims.values()][0];

  const find = async (e: FormEvent) => {
    e.preventDefault();
    const q = query.trim();
    setMessage('');
    setHits(null);
    if (!q) return;
    try {
      let found: StudyHit[];
      if (/^(https?:\/\/(dx\.)?doi\.org\/|doi:\s*)?10\.\d{4,9}\//i.test(q)) {
        found = [(await request(StudyByIdentifier, { doi: q })).study].filter(
          (s) => !!s,
        ) as StudyHit[];
      } else if (/^(pmid:?\s*)?\d{1,9}$/i.test(q)) {
        const pmid = q.replace(/^pmid:?\s*/i, '');
        found = [(await request(StudyByIdentifier, { pmid })).study].filter(
          (s) => !!s,
        ) as StudyHit[];
      } else {
        found = (await request(StudiesByTitle, { title: q })).studies.edges.map((e) => e.node);
      }
      setHits(found);
      setStudyId(found[0]?.id ?? '');
      if (found.length === 0) setMessage('No study found. Import it first (npm run import).');
    } catch (err) {
      setMessage(err instanceof ApiError ? err.message : 'The search failed. Try again.');
    }
  };

  const add = () => {
    const study = hits?.find((h) => h.id === studyId);
    if (!study || !chosenClaim) return;
    onAdd({
      id: `l${Date.now().toString(36)}`,
      claim: chosenClaim.claim,
      claimText: chosenClaim.label,
      studyId: study.id,
      studyTitle: study.title,
      relation,
    });
    setHits(null);
    setQuery('');
  };

  return (
    <section aria-labelledby="link-heading">
      <h2 id="link-heading">Link a study</h2>
      {claims.size === 0 ? (
        <p className="muted">
          Accept a suggestion (or anchor a passage) first: links go to a claim.
        </p>
      ) : (
        <>
          <form onSubmit={find} className="stack">
            <label htmlFor="link-claim">Claim</label>
            <select
              id="link-claim"
              value={claimKey || [...claims.keys()][0]}
              onChange={(e) => setClaimKey(e.target.value)}
            >
              {[...claims].map(([key, c]) => (
                <option key={key} value={key}>
                  {c.label}
                </option>
              ))}
            </select>
            <label htmlFor="link-study">Study: DOI, PMID or words of its title</label>
            <div className="combo">
              <input
                id="link-study"
                type="search"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
              />
              <button type="submit">Find study</button>
            </div>
          </form>
          {hits && hits.length > 0 && (
            <div className="stack">
              <fieldset>
                <legend>Study</legend>
                {hits.map((h) => (
                  <label key={h.id} className="choice">
                    <input
                      type="radio"
                      name="link-study-choice"
                      checked={studyId === h.id}
                      onChange={() => setStudyId(h.id)}
                    />{' '}
                    {h.title}
                    {h.year ? ` (${h.year})` : ''}
                  </label>
                ))}
              </fieldset>
              <label htmlFor="link-relation">The study</label>
              <select
                id="link-relation"
                value={relation}
                onChange={(e) => setRelation(e.target.value as EvidenceRelation)}
              >
                {Object.entries(RELATIONS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
              <button type="button" onClick={add}>
                Add the link
              </button>
            </div>
          )}
          {message && (
            <p role="alert" className="form-message">
              {message}
            </p>
          )}
        </>
      )}
      {links.length > 0 && (
        <ul className="link-list">
          {links.map((l) => (
            <li key={l.id} data-link={l.id}>
              {l.studyTitle} {RELATIONS[l.relation].split(' ')[0]} “{l.claimText}”{' '}
              <button type="button" className="link-button" onClick={() => onRemove(l.id)}>
                Remove<span className="visually-hidden"> the link to {l.studyTitle}</span>
              </button>
              {(problems[l.id] ?? []).length > 0 && (
                <div role="alert">
                  <ul className="form-message problems">
                    {problems[l.id]!.map((p) => (
                      <li key={p}>{p}</li>
                    ))}
                  </ul>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
