/**
 * The split enumerators of one job, as the coordinator worker runs them (docs/architecture.md,
 * "Sources and split enumerators"): one SourceCoordinator per coordinated source operator and job
 * attempt. Messages are handled one at a time, in order, so an enumerator is never entered twice at
 * once and a snapshot sees every event that came before it.
 */
import type { Source } from "../../api/source.js";
import { serializeError } from "../../errors/serialized-error.js";
import type { FromCoordinator, ToCoordinator } from "./coordinator-protocol.js";
import { SourceCoordinator } from "./source-coordinator.js";

/** The job's sources by stream node id (the bound functions of the job definition). */
export type SourceResolver = () => Promise<(nodeId: number) => Source<unknown> | undefined>;

export class CoordinatorRuntime {
  private attempt = -1;
  private coordinators = new Map<string, SourceCoordinator>();
  private queue: Promise<void> = Promise.resolve();
  private nextTimerId = 0;
  private readonly timers = new Map<number, () => void>();

  constructor(
    private readonly post: (m: FromCoordinator) => void,
    private readonly resolveSources: SourceResolver,
  ) {}

  handle(m: ToCoordinator): void {
    // Timers do not wait in the queue: the work of callAsync runs beside the enumerator's turn
    // (its handler goes through the guard, after the work settles).
    if (m.type === "timer") {
      if (m.attempt === this.attempt) this.timers.get(m.timerId)?.();
      return;
    }
    this.enqueue(() => this.process(m));
  }

  private enqueue(fn: () => Promise<void>): void {
    this.queue = this.queue.then(fn).catch((e) => this.post({ type: "load-failed", error: serializeError(e) }));
  }

  private async process(m: ToCoordinator): Promise<void> {
    if (m.type === "start") return this.start(m);
    if (m.attempt !== this.attempt) return;
    switch (m.type) {
      case "reader-event":
        await this.coordinators.get(m.vertexId)?.handleReaderEvent(m.subtask, m.event);
        break;
      case "snapshot": {
        try {
          const states: Record<string, unknown> = {};
          for (const c of this.coordinators.values()) {
            const s = c.snapshot(m.checkpointId);
            if (s !== undefined) states[c.operator.uid] = s;
          }
          this.post({ type: "snapshot", attempt: m.attempt, checkpointId: m.checkpointId, states });
        } catch (e) {
          this.post({ type: "snapshot-failed", attempt: m.attempt, checkpointId: m.checkpointId, error: serializeError(e) });
        }
        break;
      }
      case "checkpoint-complete":
        for (const c of this.coordinators.values()) await c.notifyCheckpointComplete(m.checkpointId);
        break;
      case "checkpoint-aborted":
        for (const c of this.coordinators.values()) await c.notifyCheckpointAborted(m.checkpointId);
        break;
      case "stop":
        await this.closeAll();
        this.attempt = -1;
        break;
    }
  }

  private async start(m: ToCoordinator & { type: "start" }): Promise<void> {
    await this.closeAll();
    const attempt = m.attempt;
    this.attempt = attempt;
    const sourceOf = await this.resolveSources();
    for (const op of m.sources) {
      const source = sourceOf(op.nodeId);
      if (!source?.createEnumerator) {
        this.post({ type: "failed", attempt, vertexId: op.vertexId, error: serializeError(new Error(`source "${op.name}" has no createEnumerator() in the coordinator's evaluation of the job`)) });
        continue;
      }
      const coordinator = new SourceCoordinator(op, source, {
        sendToReader: (subtask, event) => this.post({ type: "to-reader", attempt, vertexId: op.vertexId, subtask, event }),
        schedule: (delayMs, periodMs, fire) => {
          const timerId = ++this.nextTimerId;
          this.timers.set(timerId, periodMs === undefined ? () => (this.timers.delete(timerId), fire()) : fire);
          this.post({ type: "schedule", attempt, timerId, delayMs, ...(periodMs === undefined ? {} : { periodMs }) });
          return {
            cancel: () => {
              if (this.timers.delete(timerId)) this.post({ type: "cancel-timer", attempt, timerId });
            },
          };
        },
        fail: (error) => this.post({ type: "failed", attempt, vertexId: op.vertexId, error: serializeError(error) }),
        enqueue: (fn) => this.enqueue(fn),
      });
      this.coordinators.set(op.vertexId, coordinator);
    }
    for (const op of m.sources) await this.coordinators.get(op.vertexId)?.start(m.restore?.[op.uid]);
  }

  private async closeAll(): Promise<void> {
    const all = [...this.coordinators.values()];
    this.coordinators = new Map();
    this.timers.clear();
    for (const c of all) await c.close();
  }
}
