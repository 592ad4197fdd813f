/**
 * What a notice's review status does, decided once: a RETRACTION retracts its study while it is
 * ACCEPTED, and only then. Review (accept, reject) and withdrawal (an admin's, with a reason) change
 * a notice through `setNoticeStatus`: the notice, its study's retraction when that changes, and a
 * revision of each, in one compare-and-set write, so `asOf` shows every state the study was in.
 */
import { DomainError } from '../common/domain-error';
import { nowIso } from '../common/ids';
import { storeWrite } from '../common/store-errors';
import { NoticeKind, ReviewStatus } from '../graphql.schema';
import { staleVersion } from '../history/audited-writes';
import { revision, WriteContext } from '../history/revision';
import { CitationWrites, NoticeEffect, NoticeRecord, StudyRecord } from '../store/ports';

/** The change to the study when the notice goes from its status to `status`; null for none. */
export function noticeEffect(
  notice: NoticeRecord,
  study: StudyRecord,
  status: ReviewStatus,
): NoticeEffect | null {
  if (notice.kind !== NoticeKind.RETRACTION) return null;
  const inEffect = notice.reviewStatus === ReviewStatus.ACCEPTED;
  const willBe = status === ReviewStatus.ACCEPTED;
  if (inEffect === willBe) return null;
  if (!willBe) return { retraction: null };
  if (study.retraction)
    throw DomainError.conflict(
      `${study.id} is already retracted by another notice; reject this one (or withdraw that one first).`,
      { field: 'input.id', currentVersion: notice.version },
    );
  return { retraction: { date: notice.date, note: notice.note } };
}

export async function setNoticeStatus(
  store: Pick<CitationWrites, 'setNoticeStatus'>,
  notice: NoticeRecord,
  study: StudyRecord,
  status: ReviewStatus,
  ctx: WriteContext,
): Promise<NoticeRecord> {
  const effect = noticeEffect(notice, study, status);
  const at = nowIso();
  const after = { ...notice, reviewStatus: status, updatedAt: at, version: notice.version + 1 };
  const audit = [revision('notices', notice, after, ctx, at)];
  if (effect) {
    const changed = { ...study, retraction: effect.retraction, updatedAt: at };
    audit.push(revision('studies', study, { ...changed, version: study.version + 1 }, ctx, at));
  }
  const result = await storeWrite(() =>
    store.setNoticeStatus(notice.id, notice.version, status, at, effect, audit),
  );
  if (result.ok) return result.record;
  if (result.reason === 'NOT_FOUND')
    throw DomainError.notFound(`Notice "${notice.id}"`, 'input.id');
  throw staleVersion(notice.id, notice.version, result.currentVersion);
}
