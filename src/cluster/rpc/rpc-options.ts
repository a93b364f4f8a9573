/**
 * RPC: where the JobManager's RPC service listens, and the limits every RPC
 * service applies (Flink's keys; Flink's RPC ran on Akka, then Pekko, hence the key names).
 */
import { options, readOption } from "../../config/config-option.js";
import type { Configuration } from "../../config/configuration.js";

export const RpcOptions = {
  JOBMANAGER_ADDRESS: options.string({
    key: "jobmanager.rpc.address",
    default: "127.0.0.1",
    description:
      "Address the JobManager's RPC service listens on and advertises; TaskManagers connect to it when high availability is off. Other addresses than loopback need a cluster secret (security.cluster.secret-file).",
  }),
  JOBMANAGER_PORT: options.integer({
    key: "jobmanager.rpc.port",
    default: 6123,
    min: 0,
    description: "Port of the JobManager's RPC service (0: any free port).",
  }),
  ASK_TIMEOUT: options.duration({
    key: "pekko.ask.timeout",
    deprecatedKeys: ["akka.ask.timeout"],
    default: 10_000,
    min: 1,
    description:
      "Timeout of an RPC call (and of connecting and authenticating) when the caller gives none: a call unanswered for this long fails with RpcTimeoutError.",
  }),
  FRAME_SIZE: options.bytes({
    key: "pekko.framesize",
    deprecatedKeys: ["akka.framesize"],
    default: 64 * 1024 * 1024,
    min: 1024,
    description: "Largest RPC message sent or accepted; a larger one fails the call that carries it.",
  }),
} as const;

/** What a process's RPC service takes from the configuration (the TcpRpcService options of the same names). */
export interface RpcServiceSettings {
  defaultTimeoutMs: number;
  maxFrameBytes: number;
}

export function rpcServiceSettings(config: Readonly<Configuration>): RpcServiceSettings {
  return { defaultTimeoutMs: readOption(config, RpcOptions.ASK_TIMEOUT), maxFrameBytes: readOption(config, RpcOptions.FRAME_SIZE) };
}
