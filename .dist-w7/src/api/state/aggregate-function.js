export {};
//# sourceMappingURL=aggregate-function.js.map