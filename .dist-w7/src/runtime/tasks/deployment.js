export function isTerminalExecutionState(s) {
    return s === "FINISHED" || s === "CANCELED" || s === "FAILED";
}
export function serializeError(e) {
    if (e instanceof Error)
        return { name: e.name, message: e.message, stack: e.stack };
    return { name: "Error", message: String(e) };
}
//# sourceMappingURL=deployment.js.map