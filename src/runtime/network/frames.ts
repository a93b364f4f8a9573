/**
 * Data-plane frames. Records travel in buffers; events travel in the same channel, in order with
 * the buffers around them (docs/architecture.md, "Data plane"). Credits travel back from consumer to producer.
 */
export type DataEvent =
  | { kind: "watermark"; timestamp: number }
  /** Stream status: an idle channel is ignored when the consumer computes its watermark. */
  | { kind: "stream-status"; idle: boolean }
  /**
   * `stopping`: the savepoint of a stop-with-savepoint without draining: nothing after it counts.
   * `unaligned`: the barrier overtakes the data queued before it (docs/checkpoints.md, "Unaligned
   * checkpoints"); `alignedTimeoutMs`: aligned, but it turns unaligned once that long has passed
   * since `timestamp` (Flink's aligned-checkpoint-timeout).
   */
  | { kind: "barrier"; checkpointId: number; timestamp: number; savepoint: boolean; dir: string; stopping?: boolean; unaligned?: boolean; alignedTimeoutMs?: number }
  /**
   * No more data on this channel. `stopped`: the producer was stopped with a savepoint without
   * draining, so the end is not the end of the stream: event time does not advance to +∞ and
   * operators are not finished (what they hold stays in the savepoint, as in Flink).
   */
  | { kind: "end-of-partition"; stopped?: boolean }
  /**
   * Flink's EndOfData: the producer's operators have finished and it sends no more records, but the
   * channel stays open for checkpoint barriers until the final checkpoint completed (FLIP-147;
   * docs/checkpoints.md, "The final checkpoint"). End-of-partition follows.
   */
  | { kind: "end-of-data" };

export type DataFrame =
  | { t: "buffer"; ch: string; data: ArrayBuffer; records: number }
  /**
   * Records handed over by reference between two tasks of the same worker: no serialization, the
   * same semantics as chaining (an emitted record must not be mutated afterwards).
   */
  | { t: "records"; ch: string; values: unknown[]; timestamps: number[] | null }
  | { t: "event"; ch: string; event: DataEvent }
  | { t: "credit"; ch: string; credits: number };

/** Frames that carry records and therefore need a credit. */
export function isDataFrame(f: DataFrame): f is Extract<DataFrame, { t: "buffer" | "records" }> {
  return f.t === "buffer" || f.t === "records";
}

/**
 * Identifies one channel: one producer subtask to one consumer subtask over one edge, in one attempt.
 * `attemptKey` names the attempt across jobs and JobMaster terms (`attemptKeyOf` in
 * runtime/tasks/deployment.ts): restart counts alone repeat — a new leader recovers a job at attempt
 * 0 again, and every job has an attempt 0 — and a frame of a stale producer still waiting in a
 * worker would be handed to the new consumer of the same number (docs/architecture.md, "Data plane").
 */
export function channelId(attemptKey: string, edgeId: number, producer: number, consumer: number): string {
  return `${attemptKey}/${edgeId}/${producer}/${consumer}`;
}

/** Where a task runs: `<taskManagerId>#<slotIndex>`; one worker thread per such location. */
export type WorkerKey = string;

const WORKER_KEY_SEPARATOR = "#";

/** The key of slot `slotIndex` of TaskManager `taskManagerId`. */
export function workerKey(taskManagerId: string, slotIndex: number): WorkerKey {
  return `${taskManagerId}${WORKER_KEY_SEPARATOR}${slotIndex}`;
}

/**
 * The TaskManager and slot of a worker key. The separator is the last "#": a TaskManager id is
 * letters, digits and ".", "_", ":" or "-", so it holds none. Throws on a key without a slot index.
 */
export function parseWorkerKey(key: WorkerKey): { taskManagerId: string; slotIndex: number } {
  const at = key.lastIndexOf(WORKER_KEY_SEPARATOR);
  const slotIndex = at < 0 ? NaN : Number(key.slice(at + 1));
  if (at <= 0 || at === key.length - 1 || !Number.isInteger(slotIndex) || slotIndex < 0) throw new Error(`"${key}" is not a worker key (<taskManagerId>#<slotIndex>)`);
  return { taskManagerId: key.slice(0, at), slotIndex };
}

/** The TaskManager a worker runs on. */
export function taskManagerOf(key: WorkerKey): string {
  return parseWorkerKey(key).taskManagerId;
}
