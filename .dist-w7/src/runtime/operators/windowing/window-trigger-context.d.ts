/** The TriggerContext (and OnMergeContext) a window operator hands to its trigger. */
import type { StateDescriptor } from "../../../api/state/state-descriptors.js";
import type { StateOf } from "../../../api/state/state.js";
import type { OnMergeContext } from "../../../api/windowing/trigger.js";
import type { Window } from "../../../api/windowing/windows.js";
import type { KeyedStateRegistry } from "../../state/keyed-state-registry.js";
import type { Namespace, NamespaceScope } from "../../state/state-cell.js";
import type { TimerService } from "../../state/timer-service.js";
export declare class WindowTriggerContext implements OnMergeContext {
    private readonly eventTimers;
    private readonly processingTimers;
    private readonly state;
    private readonly scope;
    private readonly ns;
    private readonly clocks;
    /** The window the trigger is called for. */
    window: Window;
    /** During onMerge: the windows being merged into `window`. */
    mergedWindows: Window[];
    constructor(eventTimers: TimerService<Window>, processingTimers: TimerService<Window>, state: KeyedStateRegistry, scope: NamespaceScope, ns: (w: Window) => Namespace, clocks: {
        getCurrentProcessingTime(): number;
        getCurrentWatermark(): number;
    });
    getCurrentProcessingTime(): number;
    getCurrentWatermark(): number;
    registerProcessingTimeTimer(time: number): void;
    registerEventTimeTimer(time: number): void;
    deleteProcessingTimeTimer(time: number): void;
    deleteEventTimeTimer(time: number): void;
    getPartitionedState<D extends StateDescriptor>(descriptor: D): StateOf<D>;
    mergePartitionedState(descriptor: StateDescriptor): void;
}
