/** TLS settings of a TcpRpcService; one set serves both roles, since every service both serves and calls. */
import type { TlsOptions } from "node:tls";
export interface RpcTlsOptions {
    /** This service's certificate chain (PEM). */
    cert: string;
    /** Its private key (PEM). */
    key: string;
    /** The CA (PEM) that peers' certificates must chain to; without it the system roots are trusted. */
    ca?: string;
    /**
     * Whether the server demands a client certificate signed by `ca` (mutual TLS). Defaults to true when
     * a `ca` is given: a cluster with its own CA should not accept anonymous TLS clients.
     */
    requireClientCert?: boolean;
}
export declare function serverTlsOptions(tls: RpcTlsOptions): TlsOptions;
