import { Injectable } from '@nestjs/common';
import { Connection, keysetPage, loadPageById, PageArgs } from '../common/connection';
import { ReadScope } from '../read-scope/read-scope';
import type { Principal } from '../auth/auth.service';
import { RevisionRecord } from '../store/ports';

/**
 * Token revisions (who was issued which role, who revoked whom) are for admins only: to anyone
 * else a token's history is empty and its revisions do not exist.
 */
function visibleTo(viewer: Principal | null | undefined) {
  return (r: RevisionRecord) => r.entityKind !== 'tokens' || viewer?.role === 'ADMIN';
}

/** History is read whole per record (then paged): a record with more changes is cut here. */
export const HISTORY_CAP = 5000;

/**
 * Reading the history: a record's revisions, oldest first, and single revisions, from the read
 * scope's store (so inside an asOf report, history as it stood then). Undoing a change is
 * RevertService's; asOf snapshots are SnapshotService's.
 */
@Injectable()
export class HistoryService {
  async history(
    entityId: string,
    page: PageArgs,
    scope: ReadScope,
    viewer: Principal | null | undefined,
  ): Promise<Connection<RevisionRecord>> {
    const { limit, after } = keysetPage(page);
    const revisions = (await scope.store.revisionsOf(entityId, undefined, HISTORY_CAP)).filter(
      visibleTo(viewer),
    );
    const byId = new Map(revisions.map((r) => [r.id, r]));
    return loadPageById(
      revisions.map((r) => r.id),
      limit,
      after,
      async (ids) => ids.map((id) => byId.get(id)!),
    );
  }

  async revision(
    id: string,
    scope: ReadScope,
    viewer: Principal | null | undefined,
  ): Promise<RevisionRecord | null> {
    const found = (await scope.store.getRevisions([id]))[0];
    return found && visibleTo(viewer)(found) ? found : null;
  }
}
