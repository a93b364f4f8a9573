import { type RpcService } from "../../src/cluster/rpc/index.js";
export interface ServicePair {
    server: RpcService;
    client: RpcService;
    /** A second address on which nothing serves (or that is not a running service). */
    deadAddress: string;
    /** Stops everything still running. */
    cleanup(): Promise<void>;
}
export declare function rpcConformanceSuite(transport: string, makePair: () => Promise<ServicePair>): void;
