/** The TriggerContext (and OnMergeContext) a window operator hands to its trigger. */
import type { StateDescriptor } from "../../../api/state/state-descriptors.js";
import type { StateOf } from "../../../api/state/state.js";
import type { OnMergeContext } from "../../../api/windowing/trigger.js";
import type { Window } from "../../../api/windowing/windows.js";
import type { MergeableState } from "../../state/heap-states.js";
import type { KeyedStateRegistry } from "../../state/keyed-state-registry.js";
import type { Namespace, NamespaceScope } from "../../state/state-cell.js";
import type { TimerService } from "../../state/timers/timer-service.js";

const NONE_MERGED: readonly { readonly id: Namespace }[] = [];

export class WindowTriggerContext implements OnMergeContext {
  /** The window the trigger is called for, and its namespace. */
  window!: Window;
  namespace: Namespace = 0;
  /** During onMerge: the windows being merged into `window`, by namespace. */
  merged: readonly { readonly id: Namespace }[] = NONE_MERGED;

  constructor(
    private readonly eventTimers: TimerService<Window>,
    private readonly processingTimers: TimerService<Window>,
    private readonly state: KeyedStateRegistry,
    private readonly scope: NamespaceScope,
    private readonly clocks: { getCurrentProcessingTime(): number; getCurrentWatermark(): number },
  ) {}

  getCurrentProcessingTime(): number {
    return this.clocks.getCurrentProcessingTime();
  }
  getCurrentWatermark(): number {
    return this.clocks.getCurrentWatermark();
  }
  registerProcessingTimeTimer(time: number): void {
    this.processingTimers.register(this.window, time);
  }
  registerEventTimeTimer(time: number): void {
    this.eventTimers.register(this.window, time);
  }
  deleteProcessingTimeTimer(time: number): void {
    this.processingTimers.delete(this.window, time);
  }
  deleteEventTimeTimer(time: number): void {
    this.eventTimers.delete(this.window, time);
  }
  getPartitionedState<D extends StateDescriptor>(descriptor: D): StateOf<D> {
    // The scope is the current window's namespace; the operator keeps it in step with `window`.
    this.scope.namespace = this.namespace;
    return this.state.getAny(descriptor) as StateOf<D>;
  }
  mergePartitionedState(descriptor: StateDescriptor): void {
    const state = this.state.getAny(descriptor) as Partial<MergeableState>;
    if (typeof state.mergeNamespaces !== "function") throw new Error(`state "${descriptor.name}" cannot be merged`);
    state.mergeNamespaces(this.namespace, this.merged.map((m) => m.id));
  }
}
