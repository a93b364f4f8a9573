/**
 * Collecting results while a job runs (docs/architecture.md, "Collecting results"; Flink's
 * CollectSinkFunction, CollectSinkOperatorCoordinator and CollectResultFetcher). Three parties:
 *
 * - the collect sink (one subtask) numbers its records from 0 (the offset) and keeps those the
 *   client has not acknowledged in a bounded buffer; it pushes new records to the JobMaster as
 *   source-event-like operator events and stops taking input while the buffer is full;
 * - the JobMaster's collect coordinator holds what was pushed and not yet acknowledged, answers the
 *   client's requests (`POST /jobs/:jobid/coordinators/:operatorid`) and passes acknowledgements on
 *   to the sink, which frees its buffer;
 * - the client asks for records from an offset; with exactly-once checkpoints it hands records to
 *   the consumer only once a completed checkpoint covers them (`lastCheckpointedOffset`), so a
 *   restarted sink, which starts over from its checkpoint under a new version, never repeats or
 *   loses a record the consumer saw.
 */

/** Sink → coordinator: records `values` numbered from `offset`, and the sink's checkpointed offset. */
export interface CollectPush {
  kind: "collect-push";
  nodeId: number;
  /** A new id per sink subtask attempt: a different version means the sink started over. */
  version: string;
  offset: number;
  values: unknown[];
  /** Every record below this offset is covered by a completed checkpoint (0 without checkpoints). */
  lastCheckpointedOffset: number;
}

/** Coordinator → sink: the client holds every record below `offset`. */
export interface CollectAck {
  kind: "collect-ack";
  nodeId: number;
  version: string;
  offset: number;
}

/** Client → coordinator (Flink's CollectCoordinationRequest): "I have everything of `version` below `offset`". */
export interface CollectRequest {
  version: string;
  offset: number;
}

/** Coordinator → client (Flink's CollectCoordinationResponse). */
export interface CollectResponse {
  /** The sink's current version ("" before its first push). */
  version: string;
  lastCheckpointedOffset: number;
  /** Offset of values[0]: the request's offset when its version is current; otherwise no values come and this is where the current version's records start. */
  offset: number;
  values: unknown[];
}

/** The coordination request was not one the operator's coordinator takes. */
export function isCollectRequest(r: unknown): r is CollectRequest {
  const o = r as Partial<CollectRequest> | null;
  return typeof o === "object" && o !== null && typeof o.version === "string" && Number.isInteger(o.offset) && (o.offset as number) >= 0;
}
