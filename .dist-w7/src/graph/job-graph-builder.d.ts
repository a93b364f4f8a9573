import type { JsonObject, PartitionerSpec, StreamEdge, StreamGraph, StreamNode } from "./stream-graph.js";
import type { JobGraph } from "./job-graph.js";
export declare class InvalidJobError extends Error {
    name: string;
}
export declare function resolvePartitioner(edge: StreamEdge, source: StreamNode, target: StreamNode): PartitionerSpec;
export declare function buildJobGraph(graph: StreamGraph, name: string, settings: JsonObject): JobGraph;
