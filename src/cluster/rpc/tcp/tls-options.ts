/**
 * TLS settings of a TcpRpcService and of the data plane between TaskManagers; one set serves both
 * roles, since every service both serves and calls.
 */
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

export function serverTlsOptions(tls: RpcTlsOptions): TlsOptions {
  const requireClientCert = tls.requireClientCert ?? tls.ca !== undefined;
  return {
    cert: tls.cert,
    key: tls.key,
    ca: tls.ca,
    requestCert: requireClientCert,
    rejectUnauthorized: requireClientCert,
  };
}
