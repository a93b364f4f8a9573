/**
 * The coordinator of one source operator (Flink's SourceCoordinator; docs/architecture.md, "Sources
 * and split enumerators"): it owns the split enumerator, is its SplitEnumeratorContext, and turns
 * what the enumerator does into source events for the readers. Every call into user code is
 * guarded: a throwing enumerator fails the job, naming the source, and never the JobManager.
 */
import type { ReaderInfo, Source, SplitEnumerator, SplitEnumeratorContext } from "../../api/source.js";
import { SluiceError, registerErrorClass } from "../../errors/sluice-error.js";
import type { CoordinatedSource } from "./coordinator-protocol.js";
import type { EnumeratorToReader, ReaderToEnumerator } from "./source-events.js";

/** A split enumerator threw, refused its state, or called failJob(). */
export class SplitEnumeratorError extends SluiceError {}
registerErrorClass(SplitEnumeratorError);

/** What the coordinator needs of its surroundings: a way to the readers, timers and failure. */
export interface SourceCoordinatorHost {
  sendToReader(subtask: number, event: EnumeratorToReader): void;
  /** A timer on the JobMaster's clock; `fire` runs when it is due (every periodMs if set). */
  schedule(delayMs: number, periodMs: number | undefined, fire: () => void): { cancel(): void };
  fail(error: Error): void;
  /** Runs `fn` on the enumerator's turn: after the events and snapshots before it, never beside them. */
  enqueue(fn: () => Promise<void>): void;
}

export class SourceCoordinator<Split = unknown, EnumState = unknown> {
  private enumerator: SplitEnumerator<Split, EnumState> | undefined;
  private readonly readers = new Map<number, ReaderInfo>();
  private readonly timers = new Set<{ cancel(): void }>();
  private closed = false;

  constructor(
    readonly operator: CoordinatedSource,
    private readonly source: Source<unknown, Split, EnumState>,
    private readonly host: SourceCoordinatorHost,
  ) {}

  /** Creates the enumerator (from `state` when restoring) and starts it. */
  async start(state: EnumState | undefined): Promise<void> {
    const ctx = this.context();
    await this.guard("creating the split enumerator", async () => {
      if (state !== undefined) {
        if (!this.source.restoreEnumerator) throw new Error("the source has enumerator state in the checkpoint but no restoreEnumerator()");
        this.enumerator = this.source.restoreEnumerator(ctx, state);
      } else {
        this.enumerator = this.source.createEnumerator!(ctx);
      }
      await this.enumerator.start();
    });
  }

  /** An event from reader `subtask`. */
  async handleReaderEvent(subtask: number, event: ReaderToEnumerator): Promise<void> {
    const e = this.enumerator;
    if (!e || this.closed) return;
    switch (event.kind) {
      case "register":
        this.readers.set(subtask, { subtaskIndex: subtask, location: event.location });
        await this.guard("addReader()", () => e.addReader(subtask));
        break;
      case "split-request":
        await this.guard("handleSplitRequest()", () => e.handleSplitRequest(subtask, event.location));
        break;
      case "custom":
        await this.guard("handleSourceEvent()", () => e.handleSourceEvent?.(subtask, event.event));
        break;
    }
  }

  /** The enumerator's state as plain data (it is written as JSON into the checkpoint's _metadata). */
  snapshot(checkpointId: number): unknown {
    const e = this.enumerator;
    if (!e) return undefined;
    let state: unknown;
    try {
      state = e.snapshotState(checkpointId);
    } catch (err) {
      throw this.error("snapshotState()", err);
    }
    try {
      return state === undefined ? undefined : JSON.parse(JSON.stringify(state));
    } catch (err) {
      throw this.error("snapshotState() returned state that is not plain data (it must survive JSON)", err);
    }
  }

  async notifyCheckpointComplete(checkpointId: number): Promise<void> {
    const e = this.enumerator;
    if (e && !this.closed) await this.guard("notifyCheckpointComplete()", () => e.notifyCheckpointComplete?.(checkpointId));
  }

  async notifyCheckpointAborted(checkpointId: number): Promise<void> {
    const e = this.enumerator;
    if (e && !this.closed) await this.guard("notifyCheckpointAborted()", () => e.notifyCheckpointAborted?.(checkpointId));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) t.cancel();
    this.timers.clear();
    const e = this.enumerator;
    if (e) {
      try {
        await e.close?.();
      } catch {
        // Closing is best effort: the attempt is over either way.
      }
    }
  }

  private context(): SplitEnumeratorContext<Split> {
    const send = (subtask: number, event: EnumeratorToReader): void => {
      if (this.closed) return;
      if (!this.readers.has(subtask)) {
        throw new SplitEnumeratorError(`source "${this.operator.name}": reader ${subtask} has not registered (registeredReaders() lists those that have)`);
      }
      this.host.sendToReader(subtask, event);
    };
    return {
      currentParallelism: this.operator.parallelism,
      registeredReaders: () => this.readers,
      assignSplits: (assignment) => {
        for (const [subtask, splits] of assignment) if (splits.length > 0) send(subtask, { kind: "add-splits", splits: [...splits] });
      },
      assignSplit: (split, subtask) => send(subtask, { kind: "add-splits", splits: [split] }),
      signalNoMoreSplits: (subtask) => send(subtask, { kind: "no-more-splits" }),
      sendEventToSourceReader: (subtask, event) => send(subtask, { kind: "custom", event }),
      callAsync: (work, handler, initialDelayMs, periodMs) => this.callAsync(work, handler, initialDelayMs, periodMs),
      failJob: (cause) => this.fail("failJob()", cause),
    };
  }

  /**
   * Flink's callAsync: `work` runs outside the enumerator's methods, `handler` gets its result on the
   * enumerator's turn (so a snapshot never sees half of a handler's changes). A
   * periodic call whose previous run has not finished skips that tick (discovery never piles up).
   */
  private callAsync<R>(work: () => Promise<R>, handler: (result: R | undefined, error?: unknown) => void, initialDelayMs = 0, periodMs?: number): void {
    if (this.closed) return;
    let running = false;
    const run = (): void => {
      if (running || this.closed) return;
      running = true;
      void (async () => {
        let result: R | undefined;
        let error: unknown;
        try {
          result = await work();
        } catch (e) {
          error = e;
        }
        running = false;
        if (this.closed) return;
        this.host.enqueue(() => this.guard("the handler of callAsync()", () => (this.closed ? undefined : handler(result, error))));
      })();
    };
    const period = periodMs !== undefined && periodMs > 0 ? periodMs : undefined;
    // No initial delay: the first run starts now, not on the next timer tick.
    if (initialDelayMs <= 0) {
      run();
      if (period !== undefined) this.timers.add(this.host.schedule(period, period, run));
    } else {
      this.timers.add(this.host.schedule(initialDelayMs, period, run));
    }
  }

  private async guard(what: string, fn: () => unknown): Promise<void> {
    try {
      await fn();
    } catch (e) {
      this.fail(what, e);
    }
  }

  private fail(what: string, cause: unknown): void {
    if (this.closed) return;
    this.host.fail(cause instanceof SplitEnumeratorError ? cause : this.error(what, cause));
  }

  private error(what: string, cause: unknown): SplitEnumeratorError {
    const err = cause instanceof Error ? cause : new Error(String(cause));
    return new SplitEnumeratorError(`the split enumerator of source "${this.operator.name}" failed in ${what}: ${err.message}`, { cause: err });
  }
}
