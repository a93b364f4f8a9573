/**
 * Declares a route. Q and B are the TypeScript shapes of the query and body schemas; the server only
 * calls the handler with inputs that passed those schemas.
 */
export function defineRoute(def) {
    return {
        ...def,
        params: def.params ?? {},
        query: def.query ?? {},
        auth: def.auth ?? (def.method === "GET" ? "read" : "write"),
        handler: (ctx) => def.handler(ctx),
    };
}
/** An answer with an HTTP error status and Flink's `{"errors": [...]}` body. */
export class RestError extends Error {
    status;
    errors;
    headers;
    name = "RestError";
    constructor(status, errors, headers = {}) {
        super(errors.join("; "));
        this.status = status;
        this.errors = errors;
        this.headers = headers;
    }
}
export const badRequest = (...errors) => new RestError(400, errors);
export const notFound = (...errors) => new RestError(404, errors);
export const conflict = (...errors) => new RestError(409, errors);
//# sourceMappingURL=route.js.map