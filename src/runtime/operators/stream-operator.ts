/**
 * The runtime operator contract and its base class. An operator receives records one at a time by
 * direct calls (chaining makes a pipeline of operators a pipeline of calls), combines the
 * watermarks of its inputs, and writes to its Output.
 */
import type { Key, KeySelector } from "../../api/functions.js";
import type { RuntimeContext } from "../../api/runtime-context.js";
import type { OperatorDescriptor } from "../../graph/job-graph.js";
import type { KeyedStateBackend } from "../state/keyed-state-backend.js";
import type { OperatorStateBackend } from "../state/operator-state-backend.js";
import type { Output } from "./output.js";
import type { OperatorEventToCoordinator } from "../coordination/operator-events.js";
import { fireAtEndOfKey, type EndOfKeyTimers, type ProcessingTimeService } from "../state/timers/timer-service.js";

export type { ProcessingTimeService };

export interface OperatorContext {
  readonly descriptor: OperatorDescriptor;
  /** The user's functions and objects for this operator, bound by name in the worker. */
  readonly fns: Readonly<Record<string, unknown>>;
  /** Key selector per input, for keyed operators. */
  readonly keySelectors: ReadonlyArray<KeySelector<unknown, Key> | undefined>;
  readonly runtimeContext: RuntimeContext;
  /** Present when the operator is keyed. */
  readonly keyedState: KeyedStateBackend | undefined;
  readonly processingTime: ProcessingTimeService;
  /** Job-level settings (auto-watermark interval, …). */
  readonly settings: Readonly<Record<string, unknown>>;
  /**
   * A final checkpoint follows finish() (FLIP-147; docs/checkpoints.md, "The final checkpoint"):
   * what an operator holds at finish() is snapshotted and its completion is notified. Absent when
   * the job takes no checkpoints after tasks finish.
   */
  readonly finalCheckpoint?: boolean;
  /** For collect sinks: hands records to the client. */
  readonly collect: (values: unknown[]) => void;
  /** Operator events to this operator's coordinator in the JobMaster (the collect sink of collectAsync()). */
  readonly sendToCoordinator?: (event: OperatorEventToCoordinator) => void;
  /**
   * Operator state of this instance (list, union and broadcast state). Set by the operator
   * registry, which also makes `runtimeContext` a StreamingRuntimeContext (state-context.ts).
   */
  readonly operatorState?: OperatorStateBackend;
  /** True when this operator's state was restored from a checkpoint or savepoint. */
  readonly isRestored?: boolean;
  /**
   * Reports a failed connection attempt a connector will retry while the task is INITIALIZING or
   * RUNNING: a non-fatal entry of the job's exception history (docs/connectors.md, "Server down at start").
   */
  readonly reportConnectionRetry?: (error: unknown) => void;
}

/** What kind of snapshot a barrier asks for. */
export interface SnapshotOptions {
  /**
   * A savepoint rather than a checkpoint. Failover never restores from a savepoint, so its
   * completion must not commit side effects (as in Flink 1.15+): a two-phase-commit sink commits
   * what it pre-committed for a savepoint with the next completed checkpoint, or at end of input.
   */
  readonly isSavepoint: boolean;
  /** When the checkpoint was triggered (ms since the epoch), for user functions' snapshot context. */
  readonly timestamp?: number;
}

export abstract class StreamOperator {
  output!: Output;
  /** Combined watermark of all inputs: the operator's event-time clock. */
  protected currentWatermark = Number.NEGATIVE_INFINITY;
  private readonly inputWatermarks: number[];
  private readonly inputIdle: boolean[];
  private outputIdle = false;

  constructor(protected readonly ctx: OperatorContext) {
    const inputs = Math.max(1, ctx.descriptor.inputs);
    this.inputWatermarks = new Array<number>(inputs).fill(Number.NEGATIVE_INFINITY);
    this.inputIdle = new Array<boolean>(inputs).fill(false);
  }

  setOutput(output: Output): void {
    this.output = output;
  }

  open(): void | Promise<void> {}

  abstract processElement(value: unknown, timestamp: number, input: number): void;

  /**
   * The operator's watermark is the minimum over its active inputs; idle inputs do not hold it
   * back (Flink's CombinedWatermarkStatus; docs/architecture.md, "Watermarks and idleness"). A
   * watermark on an idle input makes it active, as a Flink output does when it emits one.
   */
  processWatermark(watermark: number, input: number): void {
    if (this.inputIdle[input]) this.processStreamStatus(false, input);
    const wms = this.inputWatermarks;
    if (watermark <= wms[input]!) return;
    wms[input] = watermark;
    this.advanceWatermark();
  }

  private advanceWatermark(): void {
    const wms = this.inputWatermarks;
    let min = Number.POSITIVE_INFINITY;
    let anyActive = false;
    for (let i = 0; i < wms.length; i++) {
      if (this.inputIdle[i]) continue;
      anyActive = true;
      if (wms[i]! < min) min = wms[i]!;
    }
    if (anyActive && min > this.currentWatermark) {
      this.currentWatermark = min;
      this.onWatermark(min);
      this.output.emitWatermark(min);
    }
  }

  /** Hook for event-time logic (timers, windows) before the watermark is forwarded. */
  protected onWatermark(_watermark: number): void {}

  /** The operator's output is idle while all its inputs are; an input going idle may release the watermark. */
  processStreamStatus(idle: boolean, input = 0): void {
    if (this.inputIdle[input] === idle) return;
    this.inputIdle[input] = idle;
    if (!idle) {
      if (this.outputIdle) {
        this.outputIdle = false;
        this.output.emitStreamStatus(false);
      }
      return;
    }
    if (this.inputIdle.every((i) => i)) {
      this.outputIdle = true;
      this.output.emitStreamStatus(true);
    } else {
      this.advanceWatermark();
    }
  }

  /**
   * True while the operator holds input it cannot start on yet (async I/O at capacity): the task
   * stops reading input until whenNotBackpressured() resolves, which backpressures upstream.
   */
  get isBackpressured(): boolean {
    return false;
  }

  whenNotBackpressured(): Promise<void> {
    return Promise.resolve();
  }

  /**
   * State was restored (or not) into this operator's backends: rebuild in-memory structures that
   * derive from state, such as timer queues. Called before open().
   */
  initializeState(_restored: boolean): void {}

  /**
   * A checkpoint barrier reached this operator: put everything not yet in the state backends into
   * them now (synchronously). Work that may finish later (a sink's pre-commit) is returned as a
   * promise; the checkpoint is acknowledged only after it settles.
   */
  snapshotState(_checkpointId: number, _options?: SnapshotOptions): void | Promise<void> {}

  /** The checkpoint is complete everywhere: the commit point (two-phase-commit sinks commit here). */
  notifyCheckpointComplete(_checkpointId: number): void | Promise<void> {}

  notifyCheckpointAborted(_checkpointId: number): void {}

  /**
   * The keyed timers of this operator, event time first (process functions, windows, joins):
   * what endOfKey() fires.
   */
  protected keyedTimerServices(): readonly EndOfKeyTimers[] {
    return [];
  }

  /**
   * Batch execution (docs/architecture.md, "Batch execution mode"): every record of the current
   * key has been processed. Its timers fire with the watermark at +∞, which goes back to −∞ for the
   * next key; operators with per-key results (keyed reduce) emit them here.
   */
  endOfKey(): void {
    const services = this.keyedTimerServices();
    if (services.length === 0) return;
    this.currentWatermark = Number.POSITIVE_INFINITY;
    try {
      fireAtEndOfKey(services);
    } finally {
      this.currentWatermark = Number.NEGATIVE_INFINITY;
    }
  }

  /** All records of one input have arrived. */
  endInput(_input: number): void | Promise<void> {}

  /** All inputs have ended: emit what is buffered. */
  finish(): void | Promise<void> {}

  close(): void | Promise<void> {}
}

export type OperatorFactory = (ctx: OperatorContext) => StreamOperator;
