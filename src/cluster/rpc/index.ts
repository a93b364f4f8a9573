/** The control-plane RPC layer: the contract, its two transports, and the reconnect helper. */
export * from "./interface.js";
export { LocalRpcService, type LocalRpcServiceOptions } from "./local-rpc-service.js";
export {
  TcpRpcService,
  parseTcpAddress,
  formatTcpAddress,
  type TcpRpcServiceOptions,
} from "./tcp-rpc-service.js";
export type { RpcTlsOptions } from "./tcp/tls-options.js";
export { connectWithRetry, type RetryOptions } from "./connect-with-retry.js";
export { RpcOptions, rpcServiceSettings, type RpcServiceSettings } from "./rpc-options.js";
