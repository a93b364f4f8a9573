/**
 * The JobMaster's collect coordinators (Flink's CollectSinkOperatorCoordinator; the protocol:
 * src/runtime/coordination/collect-protocol.ts; docs/architecture.md, "Collecting results"): one per
 * collect sink of collectAsync() or executeAndCollect(limit), addressed by the sink operator's uid.
 * It holds the records the sink pushed and the client has not acknowledged (at most the sink's
 * bounded buffer), answers the client's requests, and passes acknowledgements on to the sink so it
 * can take input again. It stays after the job has ended, so the client fetches the last records.
 */
import type { JobGraph } from "../../graph/job-graph.js";
import { isCollectRequest, type CollectAck, type CollectPush, type CollectResponse } from "../../runtime/coordination/collect-protocol.js";
import { registerErrorClass, SluiceError } from "../../errors/sluice-error.js";

export const COLLECT_ITERATOR_KIND = "collect-iterator";

/** A coordination request for an operator without a coordinator, or one it cannot take. */
export class CoordinationRequestError extends SluiceError {}
registerErrorClass(CoordinationRequestError);

interface Sink {
  vertexId: string;
  nodeId: number;
  version: string;
  /** Offset of values[0]. */
  offset: number;
  values: unknown[];
  lastCheckpointedOffset: number;
  /** The last offset passed on to the sink. */
  acknowledged: number;
}

export class CollectCoordinators {
  private readonly byUid = new Map<string, Sink>();
  private readonly byNode = new Map<number, Sink>();

  constructor(
    jobGraph: JobGraph,
    /** Sends an acknowledgement to subtask 0 of the sink's vertex, when it runs. */
    private readonly sendToSink: (vertexId: string, ack: CollectAck) => void,
    /** Whether the job takes exactly-once checkpoints: then only checkpointed records reach the consumer. */
    private readonly exactlyOnce: boolean,
  ) {
    for (const v of jobGraph.vertices) {
      for (const op of v.operators) {
        if (op.kind !== COLLECT_ITERATOR_KIND) continue;
        const sink: Sink = { vertexId: v.id, nodeId: op.nodeId, version: "", offset: 0, values: [], lastCheckpointedOffset: 0, acknowledged: 0 };
        this.byUid.set(op.uid, sink);
        this.byNode.set(op.nodeId, sink);
      }
    }
  }

  /** Records (or a new version, or a new checkpointed offset) from the sink subtask of the current attempt. */
  push(p: CollectPush): void {
    const sink = this.byNode.get(p.nodeId);
    if (!sink) return;
    if (p.version !== sink.version) {
      // The sink started over (from its checkpoint, or from nothing): what the old one pushed is void.
      sink.version = p.version;
      sink.offset = p.offset;
      sink.values = [...p.values];
      sink.acknowledged = p.offset;
      sink.lastCheckpointedOffset = p.lastCheckpointedOffset;
      return;
    }
    const skip = sink.offset + sink.values.length - p.offset;
    for (let i = Math.max(0, skip); i < p.values.length; i++) sink.values.push(p.values[i]);
    sink.lastCheckpointedOffset = Math.max(sink.lastCheckpointedOffset, p.lastCheckpointedOffset);
  }

  /** A client's request (`POST /jobs/:jobid/coordinators/:operatorid`, with the sink operator's uid). */
  handle(operatorUid: string, request: unknown): CollectResponse & { exactlyOnce: boolean } {
    const sink = this.byUid.get(operatorUid);
    if (!sink) throw new CoordinationRequestError(`operator "${operatorUid}" has no coordinator that takes requests: give the uid of a collectAsync() or executeAndCollect(limit) sink (${[...this.byUid.keys()].map((u) => `"${u}"`).join(", ") || "this job has none"})`);
    if (!isCollectRequest(request)) throw new CoordinationRequestError('a collect sink\'s coordinator takes { version: string, offset: non-negative integer }');
    const base = { version: sink.version, lastCheckpointedOffset: sink.lastCheckpointedOffset, exactlyOnce: this.exactlyOnce };
    // Another version: no records, and where the current version's records start.
    if (request.version !== sink.version || sink.version === "") return { ...base, offset: sink.offset, values: [] };
    // A client ahead of a sink restored from an older checkpoint: it waits until the sink catches up.
    if (request.offset > sink.offset + sink.values.length) return { ...base, offset: request.offset, values: [] };
    if (request.offset > sink.offset) {
      sink.values.splice(0, request.offset - sink.offset);
      sink.offset = request.offset;
    }
    if (request.offset > sink.acknowledged) {
      sink.acknowledged = request.offset;
      this.sendToSink(sink.vertexId, { kind: "collect-ack", nodeId: sink.nodeId, version: sink.version, offset: request.offset });
    }
    if (request.offset < sink.offset) throw new CoordinationRequestError(`records below offset ${sink.offset} were acknowledged already; offset ${request.offset} cannot be served`);
    return { ...base, offset: request.offset, values: sink.values.slice(request.offset - sink.offset) };
  }
}
