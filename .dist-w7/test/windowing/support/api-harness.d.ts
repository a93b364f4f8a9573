import type { DataStream, SingleOutputStreamOperator } from "../../../src/api/data-stream.js";
import { OperatorTestHarness, type HarnessOptions } from "../../../src/testing/operator-test-harness.js";
export declare function harnessFor<T, R>(build: (input: DataStream<T>) => SingleOutputStreamOperator<R>, options?: Omit<HarnessOptions, "fns" | "config" | "keySelectors" | "inputs">): OperatorTestHarness;
/** Two inputs: `a` feeds input 0 (processElement), `b` input 1 (processElement2). */
export declare function harnessFor2<A, B, R>(build: (a: DataStream<A>, b: DataStream<B>) => SingleOutputStreamOperator<R>, options?: Omit<HarnessOptions, "fns" | "config" | "keySelectors" | "inputs">): OperatorTestHarness;
