/**
 * Runs a Source's enumerator and readers in this process, wired the way the JobMaster and the source
 * tasks wire them (assignments, split requests, no-more-splits, checkpoint notifications), so a
 * connector's reader and enumerator can be tested against a real server without a cluster.
 */
import type { ReaderInfo, ReaderOutput, Source, SourceReader, SourceReaderContext, SplitEnumerator, SplitEnumeratorContext } from "../../../src/api/source.js";
import type { OutputTag } from "../../../src/api/output-tag.js";
import type { Counter, SourceReaderMetricGroup } from "../../../src/api/metrics.js";

export interface Emitted<T> {
  value: T;
  timestamp: number | undefined;
}

export class CollectingOutput<T> implements ReaderOutput<T> {
  readonly records: Emitted<T>[] = [];
  readonly side: { tag: string; value: unknown }[] = [];
  collect(value: T, timestamp?: number): void {
    this.records.push({ value, timestamp });
  }
  collectSideOutput<X>(tag: OutputTag<X>, value: X): void {
    this.side.push({ tag: tag.id, value });
  }
  /** Split ids the reader asked an output for, and those it released. */
  readonly splitOutputs: string[] = [];
  readonly releasedSplitOutputs: string[] = [];
  createOutputForSplit(splitId: string): this {
    if (!this.splitOutputs.includes(splitId)) this.splitOutputs.push(splitId);
    return this;
  }
  releaseOutputForSplit(splitId: string): void {
    this.releasedSplitOutputs.push(splitId);
  }
}

class PlainCounter implements Counter {
  private n = 0;
  inc(by = 1): void {
    this.n += by;
  }
  dec(by = 1): void {
    this.n -= by;
  }
  getCount(): number {
    return this.n;
  }
}

/** Just enough of SourceReaderMetricGroup to read what a reader reports. */
export class RecordingReaderMetrics {
  readonly bytesIn = new PlainCounter();
  readonly errors = new PlainCounter();
  pending: (() => number) | undefined;
  fetchLag: (() => number) | undefined;
  readonly group = {
    getNumBytesInCounter: () => this.bytesIn,
    getNumRecordsInErrorsCounter: () => this.errors,
    setPendingRecordsGauge: (g: () => number) => (this.pending = g),
    setCurrentFetchEventTimeLagGauge: (g: () => number) => (this.fetchLag = g),
  } as unknown as SourceReaderMetricGroup;
}

export class SourceHarness<T, Split, EnumState> {
  readonly readers = new Map<number, SourceReader<T, Split>>();
  readonly outputs = new Map<number, CollectingOutput<T>>();
  readonly metrics = new Map<number, RecordingReaderMetrics>();
  enumerator: SplitEnumerator<Split, EnumState> | undefined;
  readonly failures: unknown[] = [];
  private readonly registered = new Map<number, ReaderInfo>();
  private readonly timers: NodeJS.Timeout[] = [];
  private closed = false;

  constructor(
    private readonly source: Source<T, Split, EnumState>,
    readonly parallelism: number,
  ) {}

  /** Starts the enumerator (fresh or from state), then readers (restored from `readerSplits` if given). */
  async start(enumState?: EnumState, readerSplits?: Map<number, Split[]>): Promise<void> {
    const ctx = this.enumeratorContext();
    this.enumerator = enumState === undefined ? this.source.createEnumerator!(ctx) : this.source.restoreEnumerator!(ctx, enumState);
    await this.enumerator.start();
    for (let i = 0; i < this.parallelism; i++) this.startReader(i, readerSplits?.get(i));
  }

  startReader(subtask: number, restored?: Split[]): void {
    const metrics = new RecordingReaderMetrics();
    const readerCtx: SourceReaderContext = {
      subtaskIndex: subtask,
      parallelism: this.parallelism,
      sendSplitRequest: () => queueMicrotask(() => this.enumerator?.handleSplitRequest(subtask)),
      sendSourceEventToCoordinator: (e) => queueMicrotask(() => this.enumerator?.handleSourceEvent?.(subtask, e)),
      metricGroup: metrics.group,
    };
    // As the runtime does: the reader's own splits are restored before the enumerator hears of it.
    const reader = this.source.createReader(readerCtx);
    if (restored) reader.restoreState?.(restored);
    this.readers.set(subtask, reader);
    this.outputs.set(subtask, new CollectingOutput<T>());
    this.metrics.set(subtask, metrics);
    this.registered.set(subtask, { subtaskIndex: subtask, location: "local" });
    this.enumerator!.addReader(subtask);
  }

  /** Polls every reader until `done()` holds or every reader ended; fails after `timeoutMs`. */
  async pollUntil(done: () => boolean, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const ended = new Set<number>();
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`timed out polling the readers (${this.total()} records so far)`);
      let progressed = false;
      for (const [i, reader] of this.readers) {
        if (ended.has(i)) continue;
        const status = reader.pollNext(this.outputs.get(i)!);
        if (status === "end-of-input") ended.add(i);
        else if (status === "more") progressed = true;
      }
      if (ended.size === this.readers.size) return;
      if (!progressed) {
        await Promise.race([...[...this.readers].filter(([i]) => !ended.has(i)).map(([, r]) => r.isAvailable()), sleep(50)]);
      }
    }
  }

  /** Until every reader said end-of-input. */
  async pollToEnd(timeoutMs = 20_000): Promise<void> {
    await this.pollUntil(() => false, timeoutMs);
  }

  values(): T[] {
    return [...this.outputs.values()].flatMap((o) => o.records.map((r) => r.value));
  }

  total(): number {
    let n = 0;
    for (const o of this.outputs.values()) n += o.records.length;
    return n;
  }

  /** A checkpoint: every reader's splits and the enumerator's state. */
  snapshot(checkpointId: number): { enumState: EnumState; readerSplits: Map<number, Split[]> } {
    const readerSplits = new Map<number, Split[]>();
    for (const [i, r] of this.readers) readerSplits.set(i, r.snapshotState(checkpointId));
    return { enumState: this.enumerator!.snapshotState(checkpointId), readerSplits };
  }

  async notifyCheckpointComplete(checkpointId: number): Promise<void> {
    for (const r of this.readers.values()) await r.notifyCheckpointComplete?.(checkpointId);
    await this.enumerator?.notifyCheckpointComplete?.(checkpointId);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    for (const r of this.readers.values()) await r.close?.();
    await this.enumerator?.close?.();
  }

  private enumeratorContext(): SplitEnumeratorContext<Split> {
    return {
      currentParallelism: this.parallelism,
      registeredReaders: () => this.registered,
      assignSplits: (assignment) => {
        for (const [i, splits] of assignment) this.readers.get(i)?.addSplits?.([...splits]);
      },
      assignSplit: (split, i) => this.readers.get(i)?.addSplits?.([split]),
      signalNoMoreSplits: (i) => this.readers.get(i)?.notifyNoMoreSplits?.(),
      sendEventToSourceReader: (i, e) => this.readers.get(i)?.handleSourceEvent?.(e),
      callAsync: (work, handler, initialDelayMs = 0, periodMs) => {
        const run = (): void => {
          if (this.closed) return;
          work().then(
            (r) => !this.closed && handler(r),
            (e: unknown) => !this.closed && handler(undefined, e),
          ).finally(() => {
            if (periodMs !== undefined && !this.closed) this.timers.push(setTimeout(run, periodMs));
          });
        };
        this.timers.push(setTimeout(run, initialDelayMs));
      },
      failJob: (cause) => this.failures.push(cause),
    };
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
