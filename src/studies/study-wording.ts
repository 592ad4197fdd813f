/** How prose names a study: "Sigtermans 2009", "a randomised controlled trial". */
import { StudyDesign } from '../graphql.schema';
import { StudyRecord } from '../store/ports';

const DESIGN_PHRASE: Record<StudyDesign, string> = {
  [StudyDesign.META_ANALYSIS]: 'meta-analysis',
  [StudyDesign.SYSTEMATIC_REVIEW]: 'systematic review',
  [StudyDesign.RCT]: 'randomised controlled trial',
  [StudyDesign.COHORT]: 'cohort study',
  [StudyDesign.CASE_CONTROL]: 'case-control study',
  [StudyDesign.CASE_SERIES]: 'case series',
  [StudyDesign.CASE_REPORT]: 'case report',
  [StudyDesign.PRECLINICAL]: 'preclinical (animal or laboratory) study',
  [StudyDesign.NARRATIVE_REVIEW]: 'narrative review',
  [StudyDesign.GUIDELINE]: 'guideline',
  [StudyDesign.EXPERT_OPINION]: 'expert opinion',
};

export function designPhrase(design: StudyDesign): string {
  return DESIGN_PHRASE[design];
}

/** "Sigtermans 2009": first author's surname (initials and suffixes dropped) and year. */
export function authorYear(study: Pick<StudyRecord, 'authors' | 'year' | 'title'>): string {
  const first = study.authors[0];
  if (!first) return study.year ? `${study.title} (${study.year})` : study.title;
  const tokens = first.trim().split(/\s+/);
  while (
    tokens.length > 1 &&
    /^(?:[A-Z]{1,3}|Jr\.?|Sr\.?|II|III|et|al\.?)$/.test(tokens[tokens.length - 1])
  )
    tokens.pop();
  const surname = tokens.join(' ');
  return study.year ? `${surname} ${study.year}` : surname;
}
