/**
 * Builds an operator test harness from the public API: the test declares the pipeline as a user
 * would (`s => s.keyBy(...).window(...).reduce(...)`), and the harness drives the last operator
 * with the functions, configuration and key selectors the API recorded for it.
 */
import { StreamExecutionEnvironment } from "../../../src/api/environment.js";
import { OperatorTestHarness } from "../../../src/testing/operator-test-harness.js";
export function harnessFor(build, options = {}) {
    return harnessFor2((a) => build(a), options);
}
/** Two inputs: `a` feeds input 0 (processElement), `b` input 1 (processElement2). */
export function harnessFor2(build, options = {}) {
    const env = new StreamExecutionEnvironment(options.parallelism ?? 1);
    const out = build(env.fromElements(), env.fromElements());
    const node = out.node;
    const keySelectors = [];
    for (const e of env.streamGraph.inEdges(node.id)) {
        if (e.partitioner?.type === "hash")
            keySelectors[e.inputIndex] = e.fns.key;
    }
    return new OperatorTestHarness(node.kind, { ...options, fns: node.fns, config: node.config, keySelectors, inputs: node.inputs === 2 ? 2 : 1 });
}
//# sourceMappingURL=api-harness.js.map