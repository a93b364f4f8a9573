declare const _default: import("../../src/index.js").JobDefinition;
export default _default;
