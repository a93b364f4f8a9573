import { bids } from "./streams.js";
export function q0(events) {
    return bids(events);
}
//# sourceMappingURL=q0.js.map