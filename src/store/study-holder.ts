import { StudyReads, StudyRecord, UniqueViolationError } from './ports';

/**
 * Runs a study insert; when it hits the DOI or PMID uniqueness constraint, rethrows naming the
 * study that holds the value, so callers can point at it. Shared by both adapters.
 */
export async function insertStudyNamingHolder(
  store: Pick<StudyReads, 'findStudyByDoi' | 'findStudyByPmid'>,
  record: StudyRecord,
  insert: () => Promise<unknown>,
): Promise<void> {
  try {
    await insert();
  } catch (err) {
    if (err instanceof UniqueViolationError && (err.field === 'doi' || err.field === 'pmid')) {
      const holder =
        err.field === 'doi'
          ? await store.findStudyByDoi(record.doi!)
          : await store.findStudyByPmid(record.pmid!);
      throw new UniqueViolationError(err.field, holder?.id ?? null);
    }
    throw err;
  }
}
