export {};
//# sourceMappingURL=co-functions.js.map