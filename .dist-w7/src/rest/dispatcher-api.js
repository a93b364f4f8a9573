/** Errors the Dispatcher raises for an unknown job, whether thrown locally or relayed over RPC. */
export function isUnknownJobError(e) {
    return e instanceof Error && (e.name === "UnknownJobError" || e.name === "FlinkJobNotFoundException");
}
//# sourceMappingURL=dispatcher-api.js.map