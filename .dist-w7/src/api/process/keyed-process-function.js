export {};
//# sourceMappingURL=keyed-process-function.js.map