export {};
//# sourceMappingURL=checkpoint-queries.js.map