export class AsyncTimeoutError extends Error {
    name = "AsyncTimeoutError";
}
//# sourceMappingURL=async-function.js.map