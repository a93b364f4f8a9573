export class WindowTriggerContext {
    eventTimers;
    processingTimers;
    state;
    scope;
    ns;
    clocks;
    /** The window the trigger is called for. */
    window;
    /** During onMerge: the windows being merged into `window`. */
    mergedWindows = [];
    constructor(eventTimers, processingTimers, state, scope, ns, clocks) {
        this.eventTimers = eventTimers;
        this.processingTimers = processingTimers;
        this.state = state;
        this.scope = scope;
        this.ns = ns;
        this.clocks = clocks;
    }
    getCurrentProcessingTime() {
        return this.clocks.getCurrentProcessingTime();
    }
    getCurrentWatermark() {
        return this.clocks.getCurrentWatermark();
    }
    registerProcessingTimeTimer(time) {
        this.processingTimers.register(this.window, time);
    }
    registerEventTimeTimer(time) {
        this.eventTimers.register(this.window, time);
    }
    deleteProcessingTimeTimer(time) {
        this.processingTimers.delete(this.window, time);
    }
    deleteEventTimeTimer(time) {
        this.eventTimers.delete(this.window, time);
    }
    getPartitionedState(descriptor) {
        // The scope is the current window's namespace; the operator keeps it in step with `window`.
        this.scope.namespace = this.ns(this.window);
        return this.state.getAny(descriptor);
    }
    mergePartitionedState(descriptor) {
        const state = this.state.getAny(descriptor);
        if (typeof state.mergeNamespaces !== "function")
            throw new Error(`state "${descriptor.name}" cannot be merged`);
        state.mergeNamespaces(this.ns(this.window), this.mergedWindows.map((w) => this.ns(w)));
    }
}
//# sourceMappingURL=window-trigger-context.js.map