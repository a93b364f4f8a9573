export const TriggerResult = {
    isFire: (r) => r === "FIRE" || r === "FIRE_AND_PURGE",
    isPurge: (r) => r === "PURGE" || r === "FIRE_AND_PURGE",
};
export class Trigger {
    /** Whether this trigger supports merging windows (sessions). */
    canMerge() {
        return false;
    }
    onMerge(_window, _ctx) {
        throw new Error(`${this.constructor.name} does not support merging windows`);
    }
    toString() {
        return this.constructor.name;
    }
}
//# sourceMappingURL=trigger.js.map