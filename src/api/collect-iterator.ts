/**
 * collectAsync()'s iterator (Flink's CloseableIterator from DataStream.collectAsync; docs/architecture.md,
 * "Collecting results"). The job definition gets it at once; the runner that submits the job attaches
 * the channel that fetches the records (the client's CollectResultFetcher), so the iterator waits
 * for that before its first record. Closing it — return() on `break`, or close() — cancels the job.
 */

/** What the runner gives the iterator: records while the job runs, and a way to stop it. */
export interface CollectChannel {
  /** The next record; done once the job has finished and every record was handed out; throws when the job failed. */
  next(): Promise<IteratorResult<unknown>>;
  /** The consumer stops: the job is cancelled. */
  close(): Promise<void>;
}

export interface CloseableIterator<T> extends AsyncIterableIterator<T> {
  /** Stops consuming and cancels the job (also what `break` out of `for await` does). */
  close(): Promise<void>;
}

export class CollectResultIterator<T> implements CloseableIterator<T> {
  private closed = false;

  constructor(private readonly channel: Promise<CollectChannel>) {
    // Never attached where the definition is only evaluated (workers, coordinator): no unhandled rejection.
    channel.catch(() => {});
  }

  async next(): Promise<IteratorResult<T>> {
    if (this.closed) return { value: undefined, done: true };
    const r = await (await this.channel).next();
    if (r.done) this.closed = true;
    return r as IteratorResult<T>;
  }

  async return(): Promise<IteratorResult<T>> {
    await this.close();
    return { value: undefined, done: true };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await (await this.channel).close();
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
