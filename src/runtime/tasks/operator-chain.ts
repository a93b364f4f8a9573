/**
 * Builds the operators of one vertex and wires them: chained successors are called directly,
 * network outputs go through record writers (one per outgoing JobEdge, one subpartition per
 * connected consumer subtask).
 */
import type { Key, KeySelector } from "../../api/functions.js";
import type { RuntimeContext } from "../../api/runtime-context.js";
import type { JobEdge, JobVertex, OperatorDescriptor } from "../../graph/job-graph.js";
import { keyGroupRange } from "../../graph/key-groups.js";
import { consumersOf } from "../network/channel-topology.js";
import type { DataEndpoint } from "../network/data-endpoint.js";
import { channelId, type DataFrame } from "../network/frames.js";
import { RecordBatchEncoder } from "../network/record-batch-codec.js";
import type { PersistedFrame } from "../network/in-flight-data.js";
import { createChannelSelector, RecordWriter, type PartitionerFunctions } from "../network/record-writer.js";
import { ResultSubpartition, type OutputCounters } from "../network/result-subpartition.js";
import { createOutput, type RecordTarget } from "../operators/output.js";
import { operatorFactory } from "../operators/operator-registry.js";
import type { ProcessingTimeService, StreamOperator } from "../operators/stream-operator.js";
import { createKeyedStateBackend } from "../state/create-keyed-state-backend.js";
import type { KeyedStateBackend } from "../state/keyed-state-backend.js";
import { resolveStateBackend } from "../state/state-backend-settings.js";
import { OperatorStateBackend } from "../state/operator-state-backend.js";
import type { TaskStateRestorer } from "../checkpoint/task-restore.js";
import { attemptKeyOf, type TaskDeploymentDescriptor } from "./deployment.js";
import type { Counter, MetricGroup } from "../../api/metrics.js";
import type { TaskMetricGroups } from "./task-metric-groups.js";
import { chainedTarget, instrumentedOutput, planOperatorIo } from "./chain-io-metrics.js";
import type { OperatorEventToCoordinator } from "../coordination/operator-events.js";

export interface BoundFunctions {
  nodes: Map<number, Record<string, unknown>>;
  edges: Map<number, Record<string, unknown>>;
}

export interface SourceHeadStates {
  operatorState: OperatorStateBackend;
  isRestored: boolean;
}

/** The state backends of one operator of the chain, for snapshots. */
export interface OperatorStates {
  uid: string;
  name: string;
  keyed: KeyedStateBackend | undefined;
  operatorState: OperatorStateBackend;
  restored: boolean;
}

export interface ChainEnvironment {
  tdd: TaskDeploymentDescriptor;
  vertex: JobVertex;
  fns: BoundFunctions;
  endpoint: DataEndpoint;
  runtimeContext: RuntimeContext;
  processingTime: ProcessingTimeService;
  outputCounters: OutputCounters;
  /** Records of the collect sink with stream node id `nodeId`. */
  collect: (nodeId: number, values: unknown[]) => void;
  /** Operator events to the coordinators in the JobMaster (a collect sink's records). */
  sendToCoordinator?: (event: OperatorEventToCoordinator) => void;
  /** Present when the task resumes from a checkpoint or savepoint. */
  restorer?: TaskStateRestorer;
  /** The task's metric groups; each operator gets its own (docs/metrics.md, "Task and operator"). */
  metrics: TaskMetricGroups;
  /** The task's numRecordsIn, which is also the head operator's. */
  taskRecordsIn: Counter;
  /** The head's input watermark (the input gate's), for tasks with inputs. */
  headInputWatermark?: () => number | null;
  /** A connector of one of the chain's operators retries its server (OperatorContext.reportConnectionRetry). */
  reportConnectionRetry?: (error: unknown) => void;
}

export class OperatorChain {
  /** Operators in topological order; the head first. */
  readonly operators: StreamOperator[] = [];
  /** Operators by stream node id. */
  private readonly byNode = new Map<number, StreamOperator>();
  readonly writers: RecordWriter[] = [];
  /** Every output subpartition with its key across attempts (`<edgeId>/<consumerSubtask>`), for in-flight data. */
  readonly outputs: Array<{ key: string; subpartition: ResultSubpartition }> = [];
  readonly states: OperatorStates[] = [];
  readonly head: StreamOperator | undefined;

  /** The chain's operator of stream node `nodeId` (operator events are addressed by node). */
  operatorOf(nodeId: number): StreamOperator | undefined {
    return this.byNode.get(nodeId);
  }

  constructor(
    env: ChainEnvironment,
    private readonly createSourceHead?: (d: OperatorDescriptor, states: SourceHeadStates, runtimeContext: RuntimeContext) => StreamOperator,
  ) {
    const { tdd, vertex } = env;
    const graph = tdd.jobGraph;
    const edgeById = new Map(graph.edges.map((e) => [e.id, e]));
    const inEdges = graph.edges.filter((e) => e.target === vertex.id);
    const settings = graph.settings as Record<string, unknown>;
    const encoder = new RecordBatchEncoder();
    // The producing operator's setBufferTimeout() wins over the job's (docs/architecture.md, "Operator properties").
    const flushesEveryRecord = (nodeId: number): boolean => {
      const own = vertex.operators.find((o) => o.nodeId === nodeId)?.config.bufferTimeoutMs;
      return (own ?? settings.bufferTimeoutMs) === 0;
    };

    const attemptKey = attemptKeyOf(tdd);
    const writerByEdge = new Map<number, RecordWriter>();
    const createWriter = (edge: JobEdge): RecordWriter => {
      const target = graph.vertices.find((v) => v.id === edge.target)!;
      const consumers = consumersOf(edge.partitioner, tdd.subtaskIndex, vertex.parallelism, target.parallelism);
      const flushEveryRecord = flushesEveryRecord(edge.sourceNodeId);
      const subpartitions = consumers.map((consumer) => {
        const ch = channelId(attemptKey, edge.id, tdd.subtaskIndex, consumer);
        const to = tdd.locations[target.id]![consumer]!;
        const local = to === env.endpoint.self;
        const sub = new ResultSubpartition(ch, { send: (f: DataFrame) => env.endpoint.send(to, f) }, encoder, env.outputCounters, flushEveryRecord, local);
        env.endpoint.registerProducer(ch, (f) => {
          if (f.t === "credit") sub.addCredits(f.credits);
        });
        this.outputs.push({ key: `${edge.id}/${consumer}`, subpartition: sub });
        return sub;
      });
      const selector = createChannelSelector(
        edge.partitioner,
        subpartitions.length,
        tdd.subtaskIndex,
        target.maxParallelism,
        (env.fns.edges.get(edge.id) ?? {}) as PartitionerFunctions,
      );
      const w = new RecordWriter(edge.id, subpartitions, selector);
      this.writers.push(w);
      return w;
    };

    const keyRange = keyGroupRange(vertex.maxParallelism, vertex.parallelism, tdd.subtaskIndex);
    // The JobMaster resolves the backend with the cluster's configuration; the fallback serves
    // deployments built without it.
    const backendSettings = tdd.stateBackend ?? resolveStateBackend(settings, tdd.definition?.config);
    const built = new Map<number, StreamOperator>();
    const groupByNode = new Map<number, MetricGroup>();
    vertex.operators.forEach((d, index) => {
      const isHead = index === 0;
      const group = env.metrics.operator(d.uid, d.name);
      groupByNode.set(d.nodeId, group);
      const runtimeContext: RuntimeContext = { ...env.runtimeContext, taskName: d.name, getMetricGroup: () => group };
      const keySelectors: Array<KeySelector<unknown, Key> | undefined> = [];
      if (isHead) {
        for (const e of inEdges) {
          if (e.partitioner.type === "hash") keySelectors[e.inputIndex] = env.fns.edges.get(e.id)?.key as KeySelector<unknown, Key>;
        }
      }
      const keyed = keySelectors.some((k) => k !== undefined);
      const restored = env.restorer?.operator(d.uid, keyRange.start, keyRange.end);
      const keyedState = keyed
        ? createKeyedStateBackend(backendSettings, {
            maxParallelism: vertex.maxParallelism,
            keyGroupStart: keyRange.start,
            keyGroupEnd: keyRange.end,
            label: `${tdd.jobId.slice(0, 8)}-${vertex.id}-${tdd.subtaskIndex}`,
            owner: `${vertex.id}-${tdd.subtaskIndex}-${index}`.replace(/[^A-Za-z0-9_-]/g, "_"),
          })
        : undefined;
      if (restored && keyedState) {
        try {
          restored.restoreKeyed(keyedState);
        } catch (e) {
          // The task never starts, so it never disposes its backends: the LMDB folder goes now.
          void keyedState.dispose();
          throw e;
        }
      }
      const operatorState = new OperatorStateBackend(restored?.operatorState ?? {});
      this.states.push({ uid: d.uid, name: d.name, keyed: keyedState, operatorState, restored: restored !== undefined });
      const common = { keyedState, operatorState, isRestored: restored !== undefined };
      const op =
        isHead && vertex.isSource && this.createSourceHead
          ? this.createSourceHead(d, common, runtimeContext)
          : operatorFactory(d.kind)({
              descriptor: d,
              fns: env.fns.nodes.get(d.nodeId) ?? {},
              keySelectors,
              runtimeContext,
              ...common,
              processingTime: env.processingTime,
              settings,
              ...(tdd.finalCheckpoint ? { finalCheckpoint: true } : {}),
              collect: (values: unknown[]) => env.collect(d.nodeId, values),
              ...(env.sendToCoordinator ? { sendToCoordinator: env.sendToCoordinator } : {}),
              ...(env.reportConnectionRetry ? { reportConnectionRetry: env.reportConnectionRetry } : {}),
            });
      built.set(d.nodeId, op);
      this.byNode.set(d.nodeId, op);
      this.operators.push(op);
    });

    // Wire outputs from the tail back, so every target exists when its predecessor is wired.
    const ioPlan = env.metrics.operatorIo ? planOperatorIo(vertex, (id) => groupByNode.get(id)!, env.taskRecordsIn, env.headInputWatermark) : undefined;
    for (const d of [...vertex.operators].reverse()) {
      const main: RecordTarget[] = [];
      const sides = new Map<string, RecordTarget[]>();
      const add = (sideOutput: string | undefined, t: RecordTarget): void => {
        if (sideOutput === undefined) main.push(t);
        else sides.set(sideOutput, [...(sides.get(sideOutput) ?? []), t]);
      };
      for (const c of d.chainedOutputs) add(c.sideOutput, chainedTarget(built.get(c.nodeId)!, ioPlan?.get(c.nodeId)));
      for (const n of d.networkOutputs) {
        const edge = edgeById.get(n.edgeId)!;
        let w = writerByEdge.get(edge.id);
        if (!w) writerByEdge.set(edge.id, (w = createWriter(edge)));
        add(n.sideOutput, networkTarget(w));
      }
      built.get(d.nodeId)!.setOutput(instrumentedOutput(createOutput(main, sides), ioPlan?.get(d.nodeId)));
    }
    this.head = this.operators[0];
  }

  get isBlocked(): boolean {
    for (const w of this.writers) if (w.isBlocked) return true;
    for (const op of this.operators) if (op.isBackpressured) return true;
    return false;
  }

  /** Resolves when no writer waits for credit and no operator holds back input any more. */
  async whenUnblocked(): Promise<void> {
    for (let op = this.operators.find((o) => o.isBackpressured); op; op = this.operators.find((o) => o.isBackpressured)) {
      await op.whenNotBackpressured();
    }
    await this.whenWritersUnblocked();
  }

  private whenWritersUnblocked(): Promise<void> {
    return new Promise((resolve) => {
      const check = (): void => {
        const blocked = this.writers.flatMap((w) => w.subpartitions).find((s) => s.isBlocked);
        if (!blocked) resolve();
        else blocked.whenUnblocked(check);
      };
      check();
    });
  }

  /** Restore: each subpartition sends the in-flight output of the unaligned checkpoint first. */
  restoreInFlightOutput(outputs: Readonly<Record<string, readonly PersistedFrame[]>>): void {
    for (const { key, subpartition } of this.outputs) {
      const frames = outputs[key];
      if (frames) subpartition.restoreInFlight(frames);
    }
  }

  /** Frees the keyed state backends (the LMDB backend deletes its files); when the task ends. */
  async disposeState(): Promise<void> {
    await Promise.all(this.states.map((s) => s.keyed?.dispose()));
  }

  flushAll(): void {
    for (const w of this.writers) w.flushAll();
  }

  backlogBuffers(): number {
    let n = 0;
    for (const w of this.writers) for (const s of w.subpartitions) n += s.backlogBuffers;
    return n;
  }

  /** Output channels (subpartitions) with buffers waiting for credit. */
  backloggedChannels(): number {
    let n = 0;
    for (const w of this.writers) for (const s of w.subpartitions) if (s.backlogBuffers > 0) n++;
    return n;
  }

  outputChannels(): number {
    let n = 0;
    for (const w of this.writers) n += w.subpartitions.length;
    return n;
  }
}

function networkTarget(w: RecordWriter): RecordTarget {
  return {
    collect: (v, ts) => w.emit(v, ts),
    emitWatermark: (timestamp) => w.broadcastEvent({ kind: "watermark", timestamp }),
    emitStreamStatus: (idle) => w.broadcastEvent({ kind: "stream-status", idle }),
  };
}
