export function defineJob(define, options = {}) {
    if (typeof define !== "function")
        throw new TypeError("defineJob() expects a function (env, args) => { … }");
    return { kind: "sluice.job", name: options.name, define };
}
export function isJobDefinition(value) {
    return typeof value === "object" && value !== null && value.kind === "sluice.job";
}
//# sourceMappingURL=job.js.map