/**
 * Builds an operator test harness from the public API: the test declares the pipeline as a user
 * would (`s => s.keyBy(...).window(...).reduce(...)`), and the harness drives the last operator
 * with the functions, configuration and key selectors the API recorded for it.
 */
import { StreamExecutionEnvironment } from "../../../src/api/environment.js";
import type { DataStream, SingleOutputStreamOperator } from "../../../src/api/data-stream.js";
import type { Key, KeySelector } from "../../../src/api/functions.js";
import { OperatorTestHarness, type HarnessOptions } from "../../../src/testing/operator-test-harness.js";

export function harnessFor<T, R>(
  build: (input: DataStream<T>) => SingleOutputStreamOperator<R>,
  options: Omit<HarnessOptions, "fns" | "config" | "keySelectors" | "inputs"> = {},
): OperatorTestHarness {
  return harnessFor2<T, never, R>((a) => build(a), options);
}

/** Two inputs: `a` feeds input 0 (processElement), `b` input 1 (processElement2). */
export function harnessFor2<A, B, R>(
  build: (a: DataStream<A>, b: DataStream<B>) => SingleOutputStreamOperator<R>,
  options: Omit<HarnessOptions, "fns" | "config" | "keySelectors" | "inputs"> = {},
): OperatorTestHarness {
  const env = new StreamExecutionEnvironment(options.parallelism ?? 1);
  const out = build(env.fromElements<A>(), env.fromElements<B>());
  const node = out.node;
  const keySelectors: Array<KeySelector<never, Key> | undefined> = [];
  for (const e of env.streamGraph.inEdges(node.id)) {
    if (e.partitioner?.type === "hash") keySelectors[e.inputIndex] = e.fns.key as KeySelector<never, Key>;
  }
  return new OperatorTestHarness(node.kind, { ...options, fns: node.fns, config: node.config, keySelectors, inputs: node.inputs === 2 ? 2 : 1 });
}
