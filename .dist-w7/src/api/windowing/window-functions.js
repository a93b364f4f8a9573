export {};
//# sourceMappingURL=window-functions.js.map