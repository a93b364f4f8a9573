/** Response schema of /jobs/:jobid/vertices/:vertexid/flamegraph (Flink's VertexFlameGraph). */
import type { JsonSchema } from "../schema/json-schema.js";
import { object } from "./common.js";

/** JSON Schema without references cannot say "children of the same shape" at every depth: two levels are spelled out. */
const frame = (children: JsonSchema): JsonSchema =>
  object({
    name: { type: "string", description: "the frame: function (file:line); root at the top" },
    value: { type: "integer", minimum: 0, description: "samples whose stack passed through this frame" },
    children,
  });

export const flameGraphNode: JsonSchema = frame({ type: "array", items: frame({ type: "array", items: { type: "object", description: "a frame of the same shape" } }) });

export const vertexFlameGraph: JsonSchema = object(
  {
    endTimestamp: {
      type: "integer",
      description: "when the sampling ended (ms since the epoch); without data: -1 the vertex has ended, -2 flame graphs are disabled (rest.flamegraph.enabled), -3 sampling has started, ask again",
    },
    data: flameGraphNode,
  },
  ["endTimestamp"],
);
