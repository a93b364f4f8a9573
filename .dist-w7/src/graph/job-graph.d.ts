/**
 * The JobGraph: what the client submits and the JobMaster schedules. A vertex is a chain of
 * operators that run in one task, passing records by direct calls; edges between vertices carry
 * serialized records over the network with a partitioner. Everything here is plain JSON.
 */
import type { JsonObject, PartitionerSpec } from "./stream-graph.js";
export interface ChainedOutput {
    nodeId: number;
    sideOutput?: string;
}
export interface NetworkOutput {
    edgeId: number;
    sideOutput?: string;
}
export interface OperatorDescriptor {
    nodeId: number;
    kind: string;
    name: string;
    /** Stable id for matching state (user-given with uid(), otherwise derived from the topology). */
    uid: string;
    inputs: 0 | 1 | 2;
    config: JsonObject;
    /** Successors inside the same vertex, called directly. */
    chainedOutputs: ChainedOutput[];
    /** Edges leaving the vertex from this operator. */
    networkOutputs: NetworkOutput[];
}
export interface JobVertex {
    id: string;
    /** The chained operators' names joined with " -> ", as Flink shows them. */
    name: string;
    parallelism: number;
    maxParallelism: number;
    slotSharingGroup: string;
    /** Head first, then the rest in topological order. */
    operators: OperatorDescriptor[];
    isSource: boolean;
}
export interface JobEdge {
    id: number;
    source: string;
    target: string;
    sourceNodeId: number;
    targetNodeId: number;
    partitioner: PartitionerSpec;
    /** Which input of the target operator this edge feeds (0 or 1). */
    inputIndex: 0 | 1;
    sideOutput?: string;
}
export interface JobGraph {
    name: string;
    vertices: JobVertex[];
    edges: JobEdge[];
    /** Job-level settings (parallelism, maxParallelism, checkpoint interval, restart strategy, …). */
    settings: JsonObject;
    /** Hash of the topology: a worker that evaluates the definition differently gets a clear error. */
    fingerprint: string;
}
/** The number of slots a job needs: per slot-sharing group, its highest parallelism; summed over groups. */
export declare function requiredSlots(graph: JobGraph): number;
export declare function vertexOfNode(graph: JobGraph, nodeId: number): JobVertex;
