/** "Sigtermans 2009": how a clinician sees a study named in explanations. */
import { authorYear, designPhrase } from '../../src/studies/study-wording';
import { StudyDesign } from '../../src/graphql.schema';

const named = (authors: string[], year: number | null, title = 'Ketamine for CRPS') =>
  authorYear({ authors, year, title });

describe('authorYear', () => {
  it('drops initials: "Sigtermans MJ", 2009 -> "Sigtermans 2009"', () => {
    expect(named(['Sigtermans MJ'], 2009)).toBe('Sigtermans 2009');
  });

  it('drops a suffix and initials: "Zarate CA Jr" -> "Zarate 2006"', () => {
    expect(named(['Zarate CA Jr'], 2006)).toBe('Zarate 2006');
  });

  it('drops "Jr." with a full stop', () => {
    expect(named(['Zarate CA Jr.'], 2006)).toBe('Zarate 2006');
  });

  it('keeps a surname particle: "de Carvalho JF" -> "de Carvalho 2024"', () => {
    expect(named(['de Carvalho JF'], 2024)).toBe('de Carvalho 2024');
  });

  it('keeps a multi-word surname: "van Hilten JJ" -> "van Hilten 2009"', () => {
    expect(named(['van Hilten JJ'], 2009)).toBe('van Hilten 2009');
  });

  it('uses only the first author', () => {
    expect(named(['Sigtermans MJ', 'van Hilten JJ', 'Bauer MCR'], 2009)).toBe('Sigtermans 2009');
  });

  it('ignores extra whitespace around and inside the author', () => {
    expect(named(['  Sigtermans   MJ  '], 2009)).toBe('Sigtermans 2009');
  });

  it('keeps a single-token author even if it looks like initials (a corporate author)', () => {
    expect(named(['WHO'], 2020)).toBe('WHO 2020');
  });

  it('omits the year when it is unknown', () => {
    expect(named(['Sigtermans MJ'], null)).toBe('Sigtermans');
  });

  it('falls back to the title and year when there are no authors', () => {
    expect(named([], 2009, 'Ketamine for CRPS')).toBe('Ketamine for CRPS (2009)');
  });

  it('falls back to the title alone when there are no authors and no year', () => {
    expect(named([], null, 'Ketamine for CRPS')).toBe('Ketamine for CRPS');
  });
});

describe('designPhrase', () => {
  it.each([
    [StudyDesign.META_ANALYSIS, 'meta-analysis'],
    [StudyDesign.SYSTEMATIC_REVIEW, 'systematic review'],
    [StudyDesign.RCT, 'randomised controlled trial'],
    [StudyDesign.COHORT, 'cohort study'],
    [StudyDesign.CASE_CONTROL, 'case-control study'],
    [StudyDesign.CASE_SERIES, 'case series'],
    [StudyDesign.CASE_REPORT, 'case report'],
    [StudyDesign.PRECLINICAL, 'preclinical (animal or laboratory) study'],
    [StudyDesign.NARRATIVE_REVIEW, 'narrative review'],
    [StudyDesign.GUIDELINE, 'guideline'],
    [StudyDesign.EXPERT_OPINION, 'expert opinion'],
  ])('%s reads as "%s"', (design, phrase) => {
    expect(designPhrase(design)).toBe(phrase);
  });
});
