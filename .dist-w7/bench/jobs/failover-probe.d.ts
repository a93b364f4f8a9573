declare const _default: import("sluice").JobDefinition;
export default _default;
