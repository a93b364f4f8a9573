export function serveLeaderEndpoint(rpc, name, current) {
    const facade = new Proxy({}, {
        get(_target, property) {
            if (typeof property !== "string")
                return undefined;
            const term = current();
            // Without a term the fencing check rejects the call before it runs; the method only has to
            // look callable so that the check is reached (instead of "no such method").
            if (!term)
                return notLeading;
            const method = term.impl[property];
            return typeof method === "function" ? (...args) => method.apply(term.impl, args) : undefined;
        },
    });
    return rpc.serve(name, facade, { fencingToken: () => current()?.sessionId });
}
function notLeading() {
    throw new Error("not leading");
}
//# sourceMappingURL=leader-endpoint.js.map