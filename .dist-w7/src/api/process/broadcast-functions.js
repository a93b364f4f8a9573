export {};
//# sourceMappingURL=broadcast-functions.js.map