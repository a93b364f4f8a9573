/**
 * StreamGraph → JobGraph: resolves default partitioners and chains operators by Flink's rules
 * (StreamingJobGraphGenerator.isChainable): the downstream operator has exactly one input edge,
 * both are in the same slot-sharing group, the edge is forward, parallelisms are equal, the
 * upstream operator allows chaining after it and the downstream one allows chaining before it.
 */
import { createHash } from "node:crypto";
import type { JsonObject, PartitionerSpec, StreamEdge, StreamGraph, StreamNode } from "./stream-graph.js";
import type { JobEdge, JobGraph, JobVertex, OperatorDescriptor } from "./job-graph.js";
import { registerErrorClass, SluiceError } from "../errors/sluice-error.js";

export class InvalidJobError extends SluiceError {}
registerErrorClass(InvalidJobError);

function hash(text: string, length = 32): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

export function resolvePartitioner(edge: StreamEdge, source: StreamNode, target: StreamNode): PartitionerSpec {
  if (!edge.partitioner) return source.parallelism === target.parallelism ? { type: "forward" } : { type: "rebalance" };
  if (edge.partitioner.type === "forward" && source.parallelism !== target.parallelism) {
    throw new InvalidJobError(
      `forward partitioning between "${source.name}" (parallelism ${source.parallelism}) and "${target.name}" (parallelism ${target.parallelism}) needs equal parallelism; use rebalance() or rescale()`,
    );
  }
  return edge.partitioner;
}

function isChainable(edge: StreamEdge, partitioner: PartitionerSpec, graph: StreamGraph, chainingEnabled: boolean): boolean {
  if (!chainingEnabled) return false;
  const up = graph.node(edge.source);
  const down = graph.node(edge.target);
  return (
    graph.inEdges(down.id).length === 1 &&
    down.inputs === 1 &&
    up.slotSharingGroup === down.slotSharingGroup &&
    partitioner.type === "forward" &&
    up.parallelism === down.parallelism &&
    up.chaining !== "never" &&
    down.chaining === "always"
  );
}

export function buildJobGraph(graph: StreamGraph, name: string, settings: JsonObject): JobGraph {
  if (graph.nodes.length === 0) throw new InvalidJobError("the job defines no operators");
  const defaultMaxParallelism = typeof settings.maxParallelism === "number" ? settings.maxParallelism : 128;
  const partitioners = new Map<number, PartitionerSpec>();
  for (const e of graph.edges) partitioners.set(e.id, resolvePartitioner(e, graph.node(e.source), graph.node(e.target)));

  validate(graph, defaultMaxParallelism);

  // Assign every node to the chain of its chain head (nodes are created in topological order).
  const headOf = new Map<number, number>();
  for (const node of graph.nodes) {
    const ins = graph.inEdges(node.id);
    const chainable = ins.length === 1 && isChainable(ins[0]!, partitioners.get(ins[0]!.id)!, graph, settings.operatorChaining !== false);
    headOf.set(node.id, chainable ? headOf.get(ins[0]!.source)! : node.id);
  }

  const uids = assignUids(graph);
  const vertexIdOf = new Map<number, string>();
  const vertices: JobVertex[] = [];
  for (const node of graph.nodes) {
    if (headOf.get(node.id) !== node.id) continue;
    const members = graph.nodes.filter((n) => headOf.get(n.id) === node.id);
    const id = hash(`vertex:${members.map((m) => uids.get(m.id)).join(",")}`);
    for (const m of members) vertexIdOf.set(m.id, id);
    const operators: OperatorDescriptor[] = members.map((m) => ({
      nodeId: m.id,
      kind: m.kind,
      name: m.name,
      uid: uids.get(m.id)!,
      inputs: m.inputs,
      config: m.config,
      chainedOutputs: [],
      networkOutputs: [],
    }));
    vertices.push({
      id,
      name: members.map((m) => m.name).join(" -> "),
      parallelism: node.parallelism,
      maxParallelism: node.maxParallelism ?? defaultMaxParallelism,
      slotSharingGroup: node.slotSharingGroup,
      operators,
      isSource: node.inputs === 0,
    });
  }

  const descriptorOf = new Map<number, OperatorDescriptor>();
  for (const v of vertices) for (const o of v.operators) descriptorOf.set(o.nodeId, o);
  const edges: JobEdge[] = [];
  for (const e of graph.edges) {
    const src = descriptorOf.get(e.source)!;
    const sameChain = vertexIdOf.get(e.source) === vertexIdOf.get(e.target) && headOf.get(e.target) !== e.target;
    if (sameChain) {
      src.chainedOutputs.push(e.sideOutput ? { nodeId: e.target, sideOutput: e.sideOutput } : { nodeId: e.target });
      continue;
    }
    src.networkOutputs.push(e.sideOutput ? { edgeId: e.id, sideOutput: e.sideOutput } : { edgeId: e.id });
    const je: JobEdge = {
      id: e.id,
      source: vertexIdOf.get(e.source)!,
      target: vertexIdOf.get(e.target)!,
      sourceNodeId: e.source,
      targetNodeId: e.target,
      partitioner: partitioners.get(e.id)!,
      inputIndex: e.inputIndex,
    };
    if (e.sideOutput) je.sideOutput = e.sideOutput;
    edges.push(je);
  }

  const body = { name, vertices, edges, settings };
  return { ...body, fingerprint: hash(JSON.stringify({ vertices, edges, settings }), 16) };
}

function validate(graph: StreamGraph, defaultMaxParallelism: number): void {
  for (const n of graph.nodes) {
    const max = n.maxParallelism ?? defaultMaxParallelism;
    if (n.parallelism > max) {
      throw new InvalidJobError(`"${n.name}" has parallelism ${n.parallelism} above its max parallelism ${max}`);
    }
  }
  const seen = new Map<string, string>();
  for (const n of graph.nodes) {
    const id = n.uidHash ?? n.uid;
    if (!id) continue;
    const other = seen.get(id);
    if (other) throw new InvalidJobError(`uid "${id}" is used by both "${other}" and "${n.name}"; uids (and uid hashes) must be unique`);
    seen.set(id, n.name);
  }
}

/** User uids, or a hash of the node's position in the topology (stable while the topology is). */
function assignUids(graph: StreamGraph): Map<number, string> {
  const uids = new Map<number, string>();
  for (const n of graph.nodes) {
    const given = n.uidHash ?? n.uid;
    if (given) {
      uids.set(n.id, given);
      continue;
    }
    const inputs = graph
      .inEdges(n.id)
      .map((e) => `${uids.get(e.source)}/${e.inputIndex}/${e.sideOutput ?? ""}`)
      .join(",");
    uids.set(n.id, hash(`${n.kind}|${n.id}|${inputs}`));
  }
  return uids;
}
