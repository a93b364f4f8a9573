import { HEX32, arrayOf, object, stringMap } from "./common.js";
const PARALLELISM = { type: "integer", minimum: 1, maximum: 32768 };
const NODE_ID = { type: "integer", minimum: 0, maximum: 1_000_000 };
const NAME = { type: "string", maxLength: 10_000 };
// Inside the JobGraph, fields the runtime may add later are carried along (additionalProperties):
// strictness here would make every new JobGraph field a breaking change of the REST API.
const open = (properties, required) => ({ type: "object", properties, required });
const operator = open({
    nodeId: NODE_ID,
    kind: { type: "string", maxLength: 200 },
    name: NAME,
    uid: { type: "string", maxLength: 1000 },
    inputs: { type: "integer", enum: [0, 1, 2] },
    config: { type: "object" },
    chainedOutputs: arrayOf(open({ nodeId: NODE_ID, sideOutput: { type: "string" } }, ["nodeId"]), { maxItems: 10_000 }),
    networkOutputs: arrayOf(open({ edgeId: NODE_ID, sideOutput: { type: "string" } }, ["edgeId"]), { maxItems: 10_000 }),
}, ["nodeId", "kind", "name", "uid", "inputs", "config", "chainedOutputs", "networkOutputs"]);
const vertex = open({
    id: { type: "string", pattern: HEX32 },
    name: NAME,
    parallelism: PARALLELISM,
    maxParallelism: PARALLELISM,
    slotSharingGroup: { type: "string", maxLength: 1000 },
    operators: arrayOf(operator, { minItems: 1, maxItems: 10_000 }),
    isSource: { type: "boolean" },
}, ["id", "name", "parallelism", "maxParallelism", "slotSharingGroup", "operators", "isSource"]);
const edge = open({
    id: NODE_ID,
    source: { type: "string", pattern: HEX32 },
    target: { type: "string", pattern: HEX32 },
    sourceNodeId: NODE_ID,
    targetNodeId: NODE_ID,
    partitioner: open({ type: { type: "string", enum: ["forward", "rebalance", "rescale", "shuffle", "broadcast", "global", "hash", "custom"] } }, ["type"]),
    inputIndex: { type: "integer", enum: [0, 1] },
    sideOutput: { type: "string", maxLength: 1000 },
}, ["id", "source", "target", "sourceNodeId", "targetNodeId", "partitioner", "inputIndex"]);
export const jobGraphSchema = open({
    name: NAME,
    vertices: arrayOf(vertex, { minItems: 1, maxItems: 10_000 }),
    edges: arrayOf(edge, { maxItems: 100_000 }),
    settings: { type: "object" },
    fingerprint: { type: "string", maxLength: 128 },
}, ["name", "vertices", "edges", "settings", "fingerprint"]);
export const definitionInputsSchema = object({
    args: arrayOf({ type: "string", maxLength: 100_000 }, { maxItems: 10_000 }),
    config: { ...stringMap, maxProperties: 10_000 },
    defaultParallelism: PARALLELISM,
});
export const jobSubmitRequest = object({
    jobGraph: jobGraphSchema,
    bundle: object({
        hash: { type: "string", pattern: "^[0-9a-f]{64}$", description: "SHA-256 of code" },
        code: { type: "string", description: "the bundled job module (ES module text)" },
    }),
    definition: definitionInputsSchema,
    savepointPath: { type: "string", maxLength: 4096, description: "start from this savepoint or retained checkpoint (inside the allowed directories)" },
    allowNonRestoredState: { type: "boolean", description: "allow savepoint state for operators (uids) the job no longer has" },
}, ["jobGraph", "bundle", "definition"]);
//# sourceMappingURL=submission-schemas.js.map