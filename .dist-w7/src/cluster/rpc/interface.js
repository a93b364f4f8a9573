/**
 * The control-plane RPC contract. Components (Dispatcher, ResourceManager, JobMaster, TaskExecutor)
 * expose themselves through an RpcService and reach each other only through gateways obtained from it.
 * The MiniCluster uses the in-process implementation; a cluster of processes uses the TCP one.
 * Only the transport differs: both enforce fencing tokens, timeouts and serializable arguments.
 */
export class RpcTimeoutError extends Error {
    name = "RpcTimeoutError";
}
export class FencingTokenMismatchError extends Error {
    name = "FencingTokenMismatchError";
}
export class RpcConnectionError extends Error {
    name = "RpcConnectionError";
}
export class RpcEndpointNotFoundError extends Error {
    name = "RpcEndpointNotFoundError";
}
/** The endpoint exists but has no such method (or the name is not a callable own method). */
export class RpcMethodNotFoundError extends Error {
    name = "RpcMethodNotFoundError";
}
/** The peer does not share this service's secret (or one side has none): no call was made. */
export class RpcAuthenticationError extends RpcConnectionError {
    name = "RpcAuthenticationError";
}
//# sourceMappingURL=interface.js.map