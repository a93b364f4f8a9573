import type { RpcTlsOptions } from "../rpc/tcp/tls-options.js";
export declare const SecurityOptions: {
    readonly SECRET: "security.cluster.secret";
    readonly SECRET_FILE: "security.cluster.secret-file";
    readonly TRUSTED_NETWORK: "security.network.trusted";
    readonly SSL_INTERNAL_ENABLED: "security.ssl.internal.enabled";
    readonly SSL_INTERNAL_CERT: "security.ssl.internal.cert";
    readonly SSL_INTERNAL_KEY: "security.ssl.internal.key";
    readonly SSL_INTERNAL_CA: "security.ssl.internal.ca";
};
export declare const SECRET_ENV = "SLUICE_CLUSTER_SECRET";
export interface ClusterSecurity {
    /** Shared cluster secret; undefined = connections are not authenticated. */
    secret?: string;
    /** Mutual TLS for internal connections. */
    tls?: RpcTlsOptions;
    /** The operator said the network is trusted: non-loopback addresses without a secret are allowed. */
    trustedNetwork: boolean;
}
type Config = Readonly<Record<string, string>>;
export declare function clusterSecurity(config: Config, env?: NodeJS.ProcessEnv): ClusterSecurity;
export declare function isLoopbackHost(host: string): boolean;
/**
 * Checks an address a server of this process is about to listen on (and advertise to peers).
 * Throws ConfigurationError with what to do instead.
 */
export declare function checkListenAddress(host: string, key: string, security: ClusterSecurity): void;
export {};
