/**
 * The broadcast state pattern's operator. Input 0 is the main stream (keyed or not), input 1 the
 * broadcast stream, which every instance receives whole. Broadcast state lives in the operator
 * state (one copy per instance); only processBroadcastElement may change it, and the main side
 * gets a read-only view whose mutators throw, so instances cannot drift apart.
 */
import type { Collector, Key, KeySelector, RichFunction } from "../../api/functions.js";
import type { StateDescriptor, MapStateDescriptor } from "../../api/state/state-descriptors.js";
import type { BroadcastState, ReadOnlyBroadcastState, StateOf } from "../../api/state/state.js";
import type { KeyedStateBackend } from "../state/keyed-state-backend.js";
import { KeyedStateRegistry } from "../state/keyed-state-registry.js";
import type { OperatorStateBackend } from "../state/operator-state-backend.js";
import { fromStateKey } from "../state/state-key.js";
import { KeyedProcessContextImpl } from "./keyed-timers.js";
import { ProcessFunctionOperator, type OnTimer } from "./process-function-operator.js";
import { withStateAccess } from "./state-context.js";
import type { OperatorContext } from "./stream-operator.js";

type Fn = (v: unknown, ctx: unknown, out: Collector<unknown>) => void;

function readOnly<UK extends Key, UV>(s: BroadcastState<UK, UV>): ReadOnlyBroadcastState<UK, UV> {
  return {
    get: (k) => s.get(k),
    contains: (k) => s.contains(k),
    entries: () => s.entries(),
    keys: () => s.keys(),
    values: () => s.values(),
    isEmpty: () => s.isEmpty(),
  };
}

export class BroadcastProcessOperator extends ProcessFunctionOperator<RichFunction & Record<string, unknown>> {
  private readonly processElementFn: Fn;
  private readonly processBroadcastFn: Fn;
  private readonly operatorState: OperatorStateBackend;
  private readonly declared: Set<string>;
  private readonly backend: KeyedStateBackend | undefined;
  private readonly key: KeySelector<unknown, Key> | undefined;
  /** Main-side context (read-only broadcast state) and broadcast-side context (writable). */
  private readonly elementCtx: KeyedProcessContextImpl & Record<string, unknown>;
  private readonly broadcastCtx: KeyedProcessContextImpl & Record<string, unknown>;
  private readonly views = new Map<string, ReadOnlyBroadcastState<Key, unknown>>();

  constructor(ctx: OperatorContext) {
    super(ctx, ctx.fns.fn as RichFunction & Record<string, unknown>);
    const m1 = this.user.processElement;
    const m2 = this.user.processBroadcastElement;
    if (typeof m1 !== "function" || typeof m2 !== "function") throw new TypeError("expected an object with processElement() and processBroadcastElement()");
    this.processElementFn = (m1 as Fn).bind(this.user);
    this.processBroadcastFn = (m2 as Fn).bind(this.user);
    this.operatorState = withStateAccess(ctx).operatorState!;
    this.declared = new Set(((ctx.fns.descriptors ?? []) as MapStateDescriptor<Key, unknown>[]).map((d) => d.name));
    this.backend = ctx.keyedState;
    this.key = ctx.keySelectors[0];
    const onTimer = (this.user.onTimer as OnTimer | undefined)?.bind(this.user);
    if (this.backend) this.timers = this.createTimers(this.backend, onTimer, () => this.elementCtx);
    const make = (): KeyedProcessContextImpl & Record<string, unknown> =>
      new KeyedProcessContextImpl(() => this.output, ctx.processingTime, this.timers?.service, this.backend, () => this.currentWatermark) as KeyedProcessContextImpl & Record<string, unknown>;
    this.elementCtx = make();
    this.elementCtx.getBroadcastState = (d: MapStateDescriptor<Key, unknown>) => this.readOnlyState(d);
    this.broadcastCtx = make();
    this.broadcastCtx.getBroadcastState = (d: MapStateDescriptor<Key, unknown>) => this.state(d);
    this.broadcastCtx.getCurrentKey = () => {
      throw new Error("the broadcast side has no current key: use applyToKeyedState()");
    };
    if (this.backend) {
      const registry = new KeyedStateRegistry(this.backend, () => ctx.processingTime.now());
      this.broadcastCtx.applyToKeyedState = <D extends StateDescriptor>(d: D, fn: (key: Key, state: StateOf<D>) => void) =>
        this.applyToKeyedState(registry, d, fn);
    }
  }

  private state(d: MapStateDescriptor<Key, unknown>): BroadcastState<Key, unknown> {
    if (!this.declared.has(d.name)) throw new Error(`broadcast state "${d.name}" was not declared in broadcast(...descriptors)`);
    return this.operatorState.getBroadcastState(d);
  }

  private readOnlyState(d: MapStateDescriptor<Key, unknown>): ReadOnlyBroadcastState<Key, unknown> {
    let v = this.views.get(d.name);
    if (!v) this.views.set(d.name, (v = readOnly(this.state(d))));
    return v;
  }

  private applyToKeyedState<D extends StateDescriptor>(registry: KeyedStateRegistry, d: D, fn: (key: Key, state: StateOf<D>) => void): void {
    const backend = this.backend!;
    const table = backend.table<unknown>(registry.tableName(d.name));
    // Keys first: fn may clear the state it is given, which changes the maps being walked.
    const keys = table.groups.flatMap((g) => [...g.keys()]);
    for (const sk of keys) {
      backend.setCurrentKey(fromStateKey(sk));
      fn(backend.getCurrentKey(), registry.getAny(d) as StateOf<D>);
    }
  }

  processElement(value: unknown, timestamp: number, input: number): void {
    if (input === 1) {
      this.broadcastCtx.currentTimestamp = timestamp;
      this.processBroadcastFn(value, this.broadcastCtx, this.broadcastCtx.out);
      return;
    }
    if (this.backend) this.backend.setCurrentKey(this.key!(value));
    this.elementCtx.currentTimestamp = timestamp;
    this.processElementFn(value, this.elementCtx, this.elementCtx.out);
  }
}
