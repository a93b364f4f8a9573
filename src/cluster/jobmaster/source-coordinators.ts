/**
 * The JobMaster's side of the job's split enumerators (Flink's OperatorCoordinatorHolders;
 * docs/architecture.md, "Sources and split enumerators"). The enumerators themselves run in the
 * job's coordinator worker (coordinator-worker.ts), started on the first attempt that needs them;
 * this class routes source events between that worker and the tasks, keeps the worker's timers on
 * the JobMaster's clock, takes the enumerators' part of every checkpoint, and turns an enumerator
 * failure (or the worker's death) into a job failure that names the source.
 *
 * Consistency of a checkpoint: between the enumerators' snapshot and the moment the checkpoint's
 * triggers have gone out to the source tasks, events to the readers are held back (Flink's closed
 * valve). An assignment made after the snapshot therefore reaches its reader after the trigger, and
 * the reader applies it after its own snapshot (StreamTask): a split is in the enumerator's state or
 * in a reader's, never in both and never in neither.
 */
import type { JobGraph } from "../../graph/job-graph.js";
import type { CoordinatedSource, FromCoordinator, ToCoordinator } from "../../runtime/coordination/coordinator-protocol.js";
import type { EnumeratorToReader, ReaderToEnumerator } from "../../runtime/coordination/source-events.js";
import { deserializeError, serializeError, type SerializedError } from "../../errors/serialized-error.js";
import type { Clock, Timer } from "../../util/clock.js";
import type { Logger } from "../../util/logger.js";
import { SluiceError, registerErrorClass } from "../../errors/sluice-error.js";
import type { OperatorCoordinatorCheckpoints } from "./checkpoint-coordinator.js";
import { WatermarkAlignment } from "../../runtime/coordination/watermark-alignment.js";

/** The coordinator worker could not be started or died. */
export class CoordinatorWorkerError extends SluiceError {}
registerErrorClass(CoordinatorWorkerError);

/** A running coordinator worker (a thread, or an in-process double in tests). */
export interface CoordinatorChannel {
  post(message: ToCoordinator): void;
  terminate(): Promise<void>;
}

export interface CoordinatorChannelHandlers {
  onMessage(message: FromCoordinator): void;
  /** The worker ended on its own (crash, out of memory). */
  onExit(error: Error): void;
}

export type CoordinatorChannelFactory = (handlers: CoordinatorChannelHandlers) => CoordinatorChannel;

export interface SourceCoordinatorsOptions {
  jobGraph: JobGraph;
  clock: Clock;
  log: Logger;
  /** Starts the coordinator worker; undefined when the JobMaster has no bundle to run (then coordinated sources fail the job). */
  createChannel: CoordinatorChannelFactory | undefined;
  sendToReader(vertexId: string, subtask: number, event: EnumeratorToReader): void;
  /** An enumerator (or its worker) failed: the job fails over. */
  onFailure(error: SerializedError): void;
  /** How long the worker may take to evaluate the job's definition (jobmanager.coordinator.evaluation-timeout). */
  evaluationTimeoutMs: number;
}

/** The source operators whose source has an enumerator: the graph builder marks them. */
export function coordinatedSources(graph: JobGraph): CoordinatedSource[] {
  const out: CoordinatedSource[] = [];
  for (const v of graph.vertices) {
    const head = v.operators[0];
    if (v.isSource && head && head.config.coordinated === true) out.push({ vertexId: v.id, nodeId: head.nodeId, uid: head.uid, name: head.name, parallelism: v.parallelism });
  }
  return out;
}

interface PendingSnapshot {
  resolve(states: Record<string, unknown>): void;
  reject(error: Error): void;
}

export class SourceCoordinators implements OperatorCoordinatorCheckpoints {
  readonly sources: CoordinatedSource[];
  private channel: CoordinatorChannel | undefined;
  private attempt = -1;
  private readonly timers = new Map<number, Timer>();
  private readonly snapshots = new Map<number, PendingSnapshot>();
  /** Events to readers held back between a snapshot and the checkpoint's triggers. */
  private held: Array<{ vertexId: string; subtask: number; event: EnumeratorToReader }> = [];
  /** Snapshots taken whose triggers have not gone out yet (several with concurrent checkpoints). */
  private holds = 0;
  /**
   * Watermark alignment of every source of the job, with or without an enumerator: it runs no user
   * code, so it lives here rather than in the coordinator worker (docs/architecture.md, "Watermark alignment").
   */
  private readonly alignment = new WatermarkAlignment();
  /** The attempt whose readers report their watermarks (also for jobs without enumerators). */
  private alignedAttempt = -1;

  constructor(private readonly options: SourceCoordinatorsOptions) {
    this.sources = coordinatedSources(options.jobGraph);
  }

  /** Whether the job has split enumerators at all (no worker is started otherwise). */
  get active(): boolean {
    return this.sources.length > 0;
  }

  /** Creates the enumerators of `attempt` from `restore` (operator uid → state), closing earlier ones. */
  startAttempt(attempt: number, restore: Record<string, unknown> | undefined): void {
    this.stopAttempt();
    this.alignment.reset();
    this.alignedAttempt = attempt;
    if (!this.active) return;
    this.attempt = attempt;
    const channel = this.ensureChannel();
    if (!channel) return;
    channel.post({ type: "start", attempt, sources: this.sources, ...(restore ? { restore } : {}) });
  }

  /** An event from a reader of the current attempt. */
  readerEvent(attempt: number, vertexId: string, subtask: number, event: ReaderToEnumerator): void {
    if (event.kind === "watermark") {
      if (attempt !== this.alignedAttempt) return;
      for (const u of this.alignment.report(vertexId, subtask, event.group, event.maxAllowedDriftMs, event.watermark)) {
        this.options.sendToReader(u.vertexId, u.subtask, { kind: "align", maxAllowedWatermark: u.maxAllowedWatermark });
      }
      return;
    }
    if (attempt !== this.attempt || !this.channel) return;
    this.channel.post({ type: "reader-event", attempt, vertexId, subtask, event });
  }

  /** The enumerators' states for checkpoint `checkpointId`; events to readers are held until triggersSent(). */
  snapshot(checkpointId: number): Promise<Record<string, unknown>> {
    if (!this.active) return Promise.resolve({});
    const channel = this.channel;
    if (!channel || this.attempt < 0) return Promise.reject(new CoordinatorWorkerError("the split enumerators are not running"));
    return new Promise((resolve, reject) => {
      this.snapshots.set(checkpointId, { resolve, reject });
      channel.post({ type: "snapshot", attempt: this.attempt, checkpointId });
    });
  }

  /** A snapshot's checkpoint triggers have gone out: events held since the snapshot go to the readers now. */
  triggersSent(): void {
    if (this.holds > 0) this.holds--;
    if (this.holds > 0) return;
    const held = this.held;
    this.held = [];
    for (const h of held) this.options.sendToReader(h.vertexId, h.subtask, h.event);
  }

  notifyCheckpointComplete(checkpointId: number): void {
    if (this.attempt >= 0) this.channel?.post({ type: "checkpoint-complete", attempt: this.attempt, checkpointId });
  }

  notifyCheckpointAborted(checkpointId: number): void {
    if (this.attempt >= 0) this.channel?.post({ type: "checkpoint-aborted", attempt: this.attempt, checkpointId });
  }

  /** Closes the current attempt's enumerators (failover, cancellation); the worker stays for the next attempt. */
  stopAttempt(): void {
    this.alignedAttempt = -1;
    if (this.attempt < 0) return;
    this.channel?.post({ type: "stop", attempt: this.attempt });
    this.attempt = -1;
    this.clearAttemptState(new CoordinatorWorkerError("the job attempt ended"));
  }

  /** The job is over (or this JobMaster suspended): the worker goes. */
  async close(): Promise<void> {
    this.stopAttempt();
    const channel = this.channel;
    this.channel = undefined;
    await channel?.terminate();
  }

  private clearAttemptState(cause: Error): void {
    for (const t of this.timers.values()) t.cancel();
    this.timers.clear();
    for (const s of this.snapshots.values()) s.reject(cause);
    this.snapshots.clear();
    this.held = [];
    this.holds = 0;
  }

  private ensureChannel(): CoordinatorChannel | undefined {
    if (this.channel) return this.channel;
    const create = this.options.createChannel;
    if (!create) {
      this.fail(new CoordinatorWorkerError(`sources ${this.sources.map((s) => `"${s.name}"`).join(", ")} have split enumerators, but this JobMaster has no job bundle to run them`));
      return undefined;
    }
    try {
      let evaluation: Timer | undefined;
      const channel: CoordinatorChannel = create({
        onMessage: (m) => {
          if (this.channel !== channel) return;
          if (m.type === "bound") evaluation?.cancel();
          else this.onMessage(m);
        },
        onExit: (error) => {
          if (this.channel !== channel) return;
          this.channel = undefined;
          const names = this.sources.map((s) => `"${s.name}"`).join(", ");
          this.clearAttemptState(error);
          this.fail(new CoordinatorWorkerError(`the worker thread running the split enumerators of ${names} died: ${error.message}`, { cause: error }));
        },
      });
      this.channel = channel;
      const timeoutMs = this.options.evaluationTimeoutMs;
      evaluation = this.options.clock.setTimeout(() => {
        if (this.channel !== channel) return;
        this.channel = undefined;
        this.clearAttemptState(new CoordinatorWorkerError("the coordinator worker was terminated"));
        void channel.terminate();
        this.fail(
          new CoordinatorWorkerError(
            `loading the job bundle and evaluating its definition for the split enumerators did not finish within ${timeoutMs} ms ` +
              "(jobmanager.coordinator.evaluation-timeout); does the definition loop or wait forever? Its worker thread was terminated.",
          ),
        );
      }, timeoutMs);
      return channel;
    } catch (e) {
      this.fail(new CoordinatorWorkerError(`starting the worker thread for the split enumerators failed: ${(e as Error).message}`, { cause: e }));
      return undefined;
    }
  }

  private onMessage(m: Exclude<FromCoordinator, { type: "bound" }>): void {
    if (m.type === "load-failed") {
      this.fail(m.error);
      return;
    }
    if (m.attempt !== this.attempt) return;
    switch (m.type) {
      case "to-reader":
        if (this.holds > 0) this.held.push({ vertexId: m.vertexId, subtask: m.subtask, event: m.event });
        else this.options.sendToReader(m.vertexId, m.subtask, m.event);
        break;
      case "snapshot": {
        const pending = this.snapshots.get(m.checkpointId);
        this.snapshots.delete(m.checkpointId);
        if (!pending) break;
        this.holds++;
        pending.resolve(m.states);
        break;
      }
      case "snapshot-failed": {
        const pending = this.snapshots.get(m.checkpointId);
        this.snapshots.delete(m.checkpointId);
        pending?.reject(deserializeError(m.error, "the split enumerators' snapshot"));
        break;
      }
      case "schedule": {
        const fire = (): void => {
          if (m.periodMs === undefined) this.timers.delete(m.timerId);
          if (this.attempt === m.attempt) this.channel?.post({ type: "timer", attempt: m.attempt, timerId: m.timerId });
        };
        const timer = m.periodMs === undefined ? this.options.clock.setTimeout(fire, m.delayMs) : this.periodic(fire, m.delayMs, m.periodMs);
        this.timers.set(m.timerId, timer);
        break;
      }
      case "cancel-timer":
        this.timers.get(m.timerId)?.cancel();
        this.timers.delete(m.timerId);
        break;
      case "failed":
        this.fail(m.error);
        break;
    }
  }

  /** First after `delayMs`, then every `periodMs`. */
  private periodic(fire: () => void, delayMs: number, periodMs: number): Timer {
    const clock = this.options.clock;
    let interval: Timer | undefined;
    const first = clock.setTimeout(() => {
      fire();
      interval = clock.setInterval(fire, periodMs);
    }, delayMs);
    return {
      cancel: () => {
        first.cancel();
        interval?.cancel();
      },
    };
  }

  /**
   * Reported on a later turn: a failure found while the JobMaster deploys an attempt (no bundle, no
   * worker) must not change the job's state in the middle of that deployment.
   */
  private fail(error: Error | SerializedError): void {
    const serialized = error instanceof Error ? serializeError(error) : error;
    this.options.log.warn(serialized.message);
    queueMicrotask(() => this.options.onFailure(serialized));
  }
}
