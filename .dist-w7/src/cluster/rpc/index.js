/** The control-plane RPC layer: the contract, its two transports, and the reconnect helper. */
export * from "./interface.js";
export { LocalRpcService } from "./local-rpc-service.js";
export { TcpRpcService, parseTcpAddress, formatTcpAddress, } from "./tcp-rpc-service.js";
export { connectWithRetry } from "./connect-with-retry.js";
//# sourceMappingURL=index.js.map