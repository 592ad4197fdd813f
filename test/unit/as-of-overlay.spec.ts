import { AsOfOverlay } from '../../src/history/as-of-reads';
import { RevisionRecord } from '../../src/store/ports';

const AT = '2026-01-15T00:00:00.000Z';
let n = 0;
const rev = (o: Partial<RevisionRecord>): RevisionRecord => ({
  id: `rev-${String(n++).padStart(4, '0')}`,
  entityId: 'claim-a',
  entityKind: 'claims',
  action: 'UPDATE',
  before: { id: 'claim-a', text: 'first' },
  after: { id: 'claim-a', text: 'second' },
  actor: 'alice',
  at: '2026-02-01T00:00:00.000Z',
  reason: null,
  revertOf: null,
  ...o,
});

describe('the asOf overlay (records changed after the instant, as they stood then)', () => {
  it("keeps each record's first later before; a create makes it absent then", () => {
    const overlay = new AsOfOverlay(AT, null);
    overlay.note(rev({}));
    overlay.note(
      rev({ before: { id: 'claim-a', text: 'second' }, at: '2026-03-01T00:00:00.000Z' }),
    );
    overlay.note(rev({ entityId: 'claim-b', action: 'CREATE', before: null }));
    expect([...overlay.of('claims')]).toEqual([
      ['claim-a', { id: 'claim-a', text: 'first' }],
      ['claim-b', null],
    ]);
    expect(overlay.size).toBe(2);
  });

  it('ignores revisions up to the instant and token revisions', () => {
    const overlay = new AsOfOverlay(AT, null);
    overlay.note(rev({ at: AT }));
    overlay.note(rev({ at: '2026-01-01T00:00:00.000Z' }));
    overlay.note(rev({ entityKind: 'tokens', entityId: 'tok-a' }));
    expect(overlay.size).toBe(0);
    expect(overlay.of('claims').size).toBe(0);
  });
});
