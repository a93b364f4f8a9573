export {};
//# sourceMappingURL=join-functions.js.map