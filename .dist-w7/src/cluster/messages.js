export function isGloballyTerminal(s) {
    return s === "FINISHED" || s === "CANCELED" || s === "FAILED";
}
//# sourceMappingURL=messages.js.map