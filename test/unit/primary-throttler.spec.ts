/**
 * The counters held by the primary, reached by two workers' storages over channels that behave as
 * cluster IPC does (asynchronous, messages copied), without forking: interleaved requests of one
 * client from both workers are counted once each, in order, and the N+1th is blocked.
 */
import type { Worker } from 'cluster';
import { EventEmitter } from 'events';
import { PrimaryThrottlerStore, WorkerThrottlerStorage } from '../../src/cluster/primary-throttler';

/** A worker's end (process-like) and the primary's end (Worker-like) of one channel. */
function channel(): { workerSide: NodeJS.Process; primarySide: Worker } {
  const toWorker = new EventEmitter();
  const toPrimary = new EventEmitter();
  const deliver = (to: EventEmitter, message: unknown) =>
    setImmediate(() => to.emit('message', structuredClone(message)));
  const workerSide = Object.assign(toWorker, {
    send: (message: unknown) => (deliver(toPrimary, message), true),
  }) as unknown as NodeJS.Process;
  const primarySide = Object.assign(toPrimary, {
    send: (message: unknown) => (deliver(toWorker, message), true),
    isConnected: () => true,
  }) as unknown as Worker;
  return { workerSide, primarySide };
}

describe('rate-limit counters held by the primary', () => {
  const primary = new PrimaryThrottlerStore();
  afterAll(() => primary.close());

  it('counts one client across two workers exactly and blocks the N+1th', async () => {
    const a = channel();
    const b = channel();
    primary.serve(a.primarySide);
    primary.serve(b.primarySide);
    const workers = [
      new WorkerThrottlerStorage(a.workerSide),
      new WorkerThrottlerStorage(b.workerSide),
    ];
    const limit = 5;
    // All at once, alternating workers: the primary answers them one at a time (a blocked client's
    // count stays at limit + 1 until the block expires, as in one process).
    const records = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        workers[i % 2].increment('default:ip:203.0.113.7', 60_000, limit, 60_000, 'default'),
      ),
    );
    expect(records.map((r) => r.totalHits).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 6, 6]);
    expect(records.filter((r) => r.isBlocked)).toHaveLength(3);
    // Another client has its own count.
    const other = await workers[1].increment(
      'default:ip:203.0.113.8',
      60_000,
      limit,
      60_000,
      'default',
    );
    expect(other).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('needs an IPC channel (a worker of a cluster)', () => {
    const noChannel = Object.assign(new EventEmitter(), { send: undefined });
    expect(() => new WorkerThrottlerStorage(noChannel as unknown as NodeJS.Process)).toThrow(
      /needs an IPC channel/,
    );
  });
});
