/**
 * The StreamGraph: operators and edges exactly as the job declared them. It is built by the API
 * (environment and streams) and turned into a JobGraph by chaining (job-graph-builder.ts).
 *
 * User functions never enter the serialized graphs: they stay in `fns` on nodes and edges and are
 * bound again in every worker by evaluating the same job definition (docs/architecture.md, principle 5).
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };
export type JsonObject = { [k: string]: JsonValue };

export type PartitionerSpec =
  | { type: "forward" }
  | { type: "rebalance" }
  | { type: "rescale" }
  | { type: "shuffle" }
  | { type: "broadcast" }
  | { type: "global" }
  /** Keyed: key → key group → subtask; the key selector is the edge's `key` function. */
  | { type: "hash" }
  /** partitionCustom: the edge's `partitioner` and `key` functions choose the channel. */
  | { type: "custom" };

export type ChainingStrategy = "always" | "head" | "never";

export interface StreamNode {
  id: number;
  /** Runtime operator kind, e.g. "source", "map", "keyed-reduce", "sink"; resolved by the operator registry. */
  kind: string;
  name: string;
  uid?: string;
  /** The exact state id (Flink's setUidHash): wins over uid, for matching state of a job whose uids changed. */
  uidHash?: string;
  parallelism: number;
  /** Whether parallelism was set on the operator (otherwise it follows the environment default). */
  parallelismSet: boolean;
  maxParallelism?: number;
  slotSharingGroup: string;
  chaining: ChainingStrategy;
  /** Number of logical inputs: 0 for sources, 1 or 2. */
  inputs: 0 | 1 | 2;
  /** Serializable operator parameters (field names, window sizes, …). */
  config: JsonObject;
  /** User functions and objects, bound by name; never serialized. */
  fns: Record<string, unknown>;
}

export interface StreamEdge {
  id: number;
  source: number;
  target: number;
  /** Undefined means the default: forward when parallelisms match, rebalance otherwise. */
  partitioner?: PartitionerSpec;
  /** 0 for the first input of the target, 1 for the second. */
  inputIndex: 0 | 1;
  /** Name of the side output this edge carries, if any. */
  sideOutput?: string;
  /** Key selector (for hash and custom partitioners) and custom partitioner; never serialized. */
  fns: Record<string, unknown>;
}

export class StreamGraph {
  readonly nodes: StreamNode[] = [];
  readonly edges: StreamEdge[] = [];

  addNode(node: Omit<StreamNode, "id">): StreamNode {
    const n: StreamNode = { ...node, id: this.nodes.length + 1 };
    this.nodes.push(n);
    return n;
  }

  addEdge(edge: Omit<StreamEdge, "id">): StreamEdge {
    const e: StreamEdge = { ...edge, id: this.edges.length + 1 };
    this.edges.push(e);
    return e;
  }

  node(id: number): StreamNode {
    const n = this.nodes[id - 1];
    if (!n) throw new Error(`no stream node ${id}`);
    return n;
  }

  inEdges(id: number): StreamEdge[] {
    return this.edges.filter((e) => e.target === id);
  }

  outEdges(id: number): StreamEdge[] {
    return this.edges.filter((e) => e.source === id);
  }
}
