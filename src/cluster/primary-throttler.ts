/**
 * Rate-limit counters shared by the workers of one server without Redis: the primary process keeps
 * them (@nestjs/throttler's own in-memory storage) and each worker asks it over the cluster's IPC
 * channel, one message per counted request. The primary handles one message at a time, so the
 * N+1th request of a client is refused whichever worker answers it.
 */
import type { Worker } from 'cluster';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';

/** What ThrottlerStorage.increment answers (the type is not exported from the package root). */
export type ThrottlerRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** Worker → primary. */
interface IncrementRequest {
  evgThrottle: 'increment';
  id: number;
  args: [key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string];
}

/** Primary → worker. */
interface IncrementAnswer {
  evgThrottle: 'answer';
  id: number;
  record?: ThrottlerRecord;
  error?: string;
}

function isRequest(message: unknown): message is IncrementRequest {
  return (message as IncrementRequest | null)?.evgThrottle === 'increment';
}

function isAnswer(message: unknown): message is IncrementAnswer {
  return (message as IncrementAnswer | null)?.evgThrottle === 'answer';
}

/** In the primary: answers every worker's increments from one store. */
export class PrimaryThrottlerStore {
  private readonly storage = new ThrottlerStorageService();

  /** Serves the messages of this worker (call once per forked worker). */
  serve(worker: Worker): void {
    worker.on('message', (message: unknown) => {
      if (!isRequest(message)) return;
      this.storage.increment(...message.args).then(
        (record) => this.reply(worker, { evgThrottle: 'answer', id: message.id, record }),
        (err: Error) =>
          this.reply(worker, { evgThrottle: 'answer', id: message.id, error: err.message }),
      );
    });
  }

  private reply(worker: Worker, answer: IncrementAnswer): void {
    // A worker that is gone no longer needs its answer.
    if (worker.isConnected()) worker.send(answer);
  }

  close(): void {
    this.storage.onApplicationShutdown();
  }
}

/** How long a worker waits for the primary's answer before the request fails. */
const ANSWER_TIMEOUT_MS = 5_000;

/** In a worker: the ThrottlerStorage that counts in the primary. */
export class WorkerThrottlerStorage implements ThrottlerStorage {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (r: ThrottlerRecord) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }
  >();

  constructor(private readonly channel: NodeJS.Process = process) {
    if (typeof channel.send !== 'function')
      throw new Error('WorkerThrottlerStorage needs an IPC channel to the primary process');
    channel.on('message', (message: unknown) => {
      if (!isAnswer(message)) return;
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      clearTimeout(waiting.timer);
      if (message.record) waiting.resolve(message.record);
      else waiting.reject(new Error(`rate-limit counter in the primary: ${message.error}`));
    });
  }

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerRecord> {
    const id = this.nextId++;
    return new Promise<ThrottlerRecord>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error('rate-limit counter: the primary process did not answer'));
      }, ANSWER_TIMEOUT_MS);
      timer.unref();
      this.pending.set(id, { resolve, reject, timer });
      const request: IncrementRequest = {
        evgThrottle: 'increment',
        id,
        args: [key, ttl, limit, blockDuration, throttlerName],
      };
      this.channel.send!(request);
    });
  }
}
