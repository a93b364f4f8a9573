export declare const KEYS = 10000;
export declare const EVENTS_PER_MS = 100;
export interface Click {
    key: number;
    ts: number;
}
export declare const click: (i: number) => Click;
declare const _default: import("sluice").JobDefinition;
export default _default;
