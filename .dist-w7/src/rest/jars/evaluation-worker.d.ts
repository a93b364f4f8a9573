import { type DefinitionInputs } from "../../runtime/tasks/deployment.js";
import type { JobGraph } from "../../graph/job-graph.js";
export interface EvaluationInput {
    bundlePath: string;
    inputs: DefinitionInputs;
}
export type EvaluationOutput = {
    type: "graph";
    jobGraph: JobGraph;
} | {
    type: "error";
    error: {
        name: string;
        message: string;
        stack?: string;
    };
};
