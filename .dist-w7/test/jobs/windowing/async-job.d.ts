export interface AsyncResult {
    id: number;
    subtask: number;
    inFlight: number;
}
declare const _default: import("sluice").JobDefinition;
export default _default;
