/** Runs a KeyedProcessFunction: per element with its key set, and onTimer per fired timer. */
import { richFunction, type Collector, type Key, type KeySelector } from "../../api/functions.js";
import type { KeyedProcessContext, KeyedProcessFunction } from "../../api/process/keyed-process-function.js";
import type { KeyedStateBackend } from "../state/keyed-state-backend.js";
import { KeyedProcessContextImpl } from "./keyed-timers.js";
import { ProcessFunctionOperator, type OnTimer } from "./process-function-operator.js";
import type { OperatorContext } from "./stream-operator.js";

type ProcessElement = (v: unknown, ctx: KeyedProcessContext<Key>, out: Collector<unknown>) => void;

export class KeyedProcessOperator extends ProcessFunctionOperator<ReturnType<typeof richFunction<ProcessElement>>> {
  private readonly backend: KeyedStateBackend;
  private readonly key: KeySelector<unknown, Key>;
  private readonly context: KeyedProcessContextImpl;

  constructor(ctx: OperatorContext) {
    super(ctx, richFunction<ProcessElement>(ctx.fns.fn as never, "processElement"));
    if (!ctx.keyedState || !ctx.keySelectors[0]) throw new Error(`${ctx.descriptor.name}: a KeyedProcessFunction needs keyBy()`);
    this.backend = ctx.keyedState;
    this.key = ctx.keySelectors[0];
    const user = ctx.fns.fn as KeyedProcessFunction<Key, unknown, unknown>;
    const onTimer = typeof user.onTimer === "function" ? user.onTimer.bind(user) : undefined;
    this.timers = this.createTimers(this.backend, onTimer as OnTimer | undefined, () => this.context);
    this.context = new KeyedProcessContextImpl(() => this.output, ctx.processingTime, this.timers.service, this.backend, () => this.currentWatermark);
  }

  processElement(value: unknown, timestamp: number): void {
    this.backend.setCurrentKey(this.key(value));
    const c = this.context;
    c.currentTimestamp = timestamp;
    this.user.call(value, c, c.out);
  }
}
