/**
 * Drives a source with a split enumerator in this process, as the JobMaster and the tasks would
 * (docs/architecture.md, "Sources and split enumerators"): readers' split requests and events go to
 * the enumerator, its assignments to the readers; `checkpoint()` snapshots enumerator then readers
 * and notifies both of completion. For connector tests against real servers without a cluster.
 */
import { readerOutput } from "../../src/testing/reader-output.js";
import type { ReaderInfo, Source, SourceReader, SplitEnumerator, SplitEnumeratorContext } from "../../src/api/source.js";

export interface Emitted<T> {
  value: T;
  timestamp: number | undefined;
  subtask: number;
}

export class InProcessSource<T, Split, State> {
  readonly readers: SourceReader<T, Split>[] = [];
  enumerator!: SplitEnumerator<Split, State>;
  readonly emitted: Emitted<T>[] = [];
  /** Every assignment: the subtask and the split. */
  readonly assignments: { subtask: number; split: Split }[] = [];
  private readonly registered = new Map<number, ReaderInfo>();
  private failure: unknown;

  constructor(
    private readonly source: Source<T, Split, State>,
    private readonly parallelism: number,
  ) {}

  async start(state?: State, readerStates?: Split[][]): Promise<void> {
    const ctx: SplitEnumeratorContext<Split> = {
      currentParallelism: this.parallelism,
      registeredReaders: () => this.registered,
      assignSplits: (a) => {
        for (const [subtask, splits] of a) for (const split of splits) ctx.assignSplit(split, subtask);
      },
      assignSplit: (split, subtask) => {
        this.assignments.push({ subtask, split });
        // Asynchronously, as an RPC would deliver it.
        setImmediate(() => this.readers[subtask]!.addSplits!([split]));
      },
      signalNoMoreSplits: (subtask) => setImmediate(() => this.readers[subtask]!.notifyNoMoreSplits?.()),
      sendEventToSourceReader: (subtask, event) => setImmediate(() => this.readers[subtask]!.handleSourceEvent?.(event)),
      callAsync: () => {
        throw new Error("callAsync is not used by this harness's sources");
      },
      failJob: (cause) => {
        this.failure = cause;
      },
    };
    this.enumerator = state === undefined ? this.source.createEnumerator!(ctx) : this.source.restoreEnumerator!(ctx, state);
    await this.enumerator.start();
    for (let i = 0; i < this.parallelism; i++) {
      const reader = this.source.createReader({
        subtaskIndex: i,
        parallelism: this.parallelism,
        sendSplitRequest: () => setImmediate(() => this.enumerator.handleSplitRequest(i)),
        sendSourceEventToCoordinator: (event) => setImmediate(() => this.enumerator.handleSourceEvent?.(i, event)),
      });
      if (readerStates?.[i]) reader.restoreState!(readerStates[i]!);
      this.readers.push(reader);
      this.registered.set(i, { subtaskIndex: i, location: "local" });
      this.enumerator.addReader(i);
    }
  }

  /** Polls every reader until `done()` holds; throws what a reader throws. */
  async pollUntil(done: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (this.failure !== undefined) throw this.failure;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (${this.emitted.length} records so far)`);
      if (!this.pollOnce()) await Promise.race([...this.readers.map((r) => r.isAvailable()), new Promise((r) => setTimeout(r, 20))]);
    }
  }

  /** Polls each reader once; true if any has more right away. */
  pollOnce(): boolean {
    let busy = false;
    this.readers.forEach((reader, subtask) => {
      const status = reader.pollNext(readerOutput((value, timestamp) => this.emitted.push({ value, timestamp, subtask })));
      if (status === "more") busy = true;
    });
    return busy;
  }

  /** A checkpoint that completes: enumerator state first, then the readers' splits. */
  async checkpoint(id: number): Promise<{ enumerator: State; readers: Split[][] }> {
    const enumerator = structuredClone(this.enumerator.snapshotState(id));
    const readers = this.readers.map((r) => structuredClone(r.snapshotState(id)));
    await this.enumerator.notifyCheckpointComplete?.(id);
    for (const r of this.readers) await r.notifyCheckpointComplete?.(id);
    return { enumerator, readers };
  }

  /** Polls and takes checkpoints (ids from `firstId`) until `done()` holds; returns the last checkpoint. */
  async checkpointUntil(done: () => boolean, what: string, firstId = 1, timeoutMs = 20_000): Promise<{ id: number; enumerator: State; readers: Split[][] }> {
    const deadline = Date.now() + timeoutMs;
    for (let id = firstId; ; id++) {
      const taken = await this.checkpoint(id);
      if (done()) return { id, ...taken };
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (checkpoints ${firstId}..${id})`);
      // Lets the readers' reports and the assignments (delivered on later turns) arrive.
      await new Promise((r) => setTimeout(r, 20));
      this.pollOnce();
    }
  }

  async close(): Promise<void> {
    for (const r of this.readers) await r.close?.();
    await this.enumerator?.close?.();
  }
}
