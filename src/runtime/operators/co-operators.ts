/**
 * Operators over connected streams (connect()): input 0 goes to the first method, input 1 to the
 * second. The keyed variant sets the key from each input's own key selector and has timers.
 */
import { type Collector, type Key, type KeySelector, type ProcessContext, type RichFunction } from "../../api/functions.js";
import type { KeyedProcessContext } from "../../api/process/keyed-process-function.js";
import type { KeyedStateBackend } from "../state/keyed-state-backend.js";
import { KeyedProcessContextImpl } from "./keyed-timers.js";
import { ProcessFunctionOperator, type OnTimer } from "./process-function-operator.js";
import type { OperatorContext } from "./stream-operator.js";

type Method = (...args: never[]) => unknown;

/** Binds two methods of a user object (co-functions are always objects: one method per input). */
function twoMethods<F extends Method>(fn: unknown, m1: string, m2: string): [F, F] {
  const o = fn as Record<string, unknown>;
  if (typeof o !== "object" || o === null || typeof o[m1] !== "function" || typeof o[m2] !== "function") {
    throw new TypeError(`expected an object with ${m1}() and ${m2}() methods`);
  }
  return [(o[m1] as F).bind(o) as F, (o[m2] as F).bind(o) as F];
}

abstract class TwoInputUserOperator extends ProcessFunctionOperator<RichFunction> {
  constructor(ctx: OperatorContext) {
    super(ctx, ctx.fns.fn as RichFunction);
  }
}

export class CoMapOperator extends TwoInputUserOperator {
  private readonly maps: [(v: unknown) => unknown, (v: unknown) => unknown];
  constructor(ctx: OperatorContext) {
    super(ctx);
    this.maps = twoMethods(this.user, "map1", "map2");
  }
  processElement(value: unknown, timestamp: number, input: number): void {
    this.output.collect(this.maps[input]!(value), timestamp);
  }
}

export class CoFlatMapOperator extends TwoInputUserOperator {
  private readonly fns: [(v: unknown, out: Collector<unknown>) => void, (v: unknown, out: Collector<unknown>) => void];
  private timestamp = 0;
  private readonly out: Collector<unknown> = { collect: (v) => this.output.collect(v, this.timestamp) };
  constructor(ctx: OperatorContext) {
    super(ctx);
    this.fns = twoMethods(this.user, "flatMap1", "flatMap2");
  }
  processElement(value: unknown, timestamp: number, input: number): void {
    this.timestamp = timestamp;
    this.fns[input]!(value, this.out);
  }
}

type CoProcess = (v: unknown, ctx: ProcessContext, out: Collector<unknown>) => void;

/** CoProcessFunction on non-keyed streams, or KeyedCoProcessFunction (with timers) on keyed ones. */
export class CoProcessOperator extends TwoInputUserOperator {
  private readonly fns: [CoProcess, CoProcess];
  private readonly context: KeyedProcessContextImpl;
  private readonly backend: KeyedStateBackend | undefined;
  private readonly keys: ReadonlyArray<KeySelector<unknown, Key> | undefined>;

  constructor(ctx: OperatorContext) {
    super(ctx);
    this.fns = twoMethods(this.user, "processElement1", "processElement2");
    this.backend = ctx.keyedState;
    this.keys = ctx.keySelectors;
    const onTimer = (this.user as { onTimer?: OnTimer }).onTimer?.bind(this.user);
    if (this.backend) this.timers = this.createTimers(this.backend, onTimer, () => this.context);
    this.context = new KeyedProcessContextImpl(() => this.output, ctx.processingTime, this.timers?.service, this.backend, () => this.currentWatermark);
  }

  processElement(value: unknown, timestamp: number, input: number): void {
    const key = this.keys[input];
    if (this.backend) {
      if (!key) throw new Error(`${this.ctx.descriptor.name}: both inputs of a keyed co-process must be keyed`);
      this.backend.setCurrentKey(key(value));
    }
    this.context.currentTimestamp = timestamp;
    this.fns[input]!(value, this.context as KeyedProcessContext<Key>, this.context.out);
  }
}

