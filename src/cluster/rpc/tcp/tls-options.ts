/**
 * TLS settings of a TcpRpcService and of the data plane between TaskManagers (one set serves both
 * roles, since every service both serves and calls), and the plain-or-TLS sockets and servers made
 * with them, so that RPC and data connections connect, listen and refuse the same way.
 */
import { connect as netConnect, createServer as createNetServer, isIP, type Server, type Socket } from "node:net";
import { connect as tlsConnect, createServer as createTlsServer, type TlsOptions } from "node:tls";

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

/** A client socket to host:port, over TLS when `tls` is given; it carries data after its `readyEvent`. */
export function connectSocket(host: string, port: number, tls: RpcTlsOptions | undefined): { socket: Socket; readyEvent: "connect" | "secureConnect" } {
  if (!tls) return { socket: netConnect({ host, port }), readyEvent: "connect" };
  const socket = tlsConnect({
    host,
    port,
    ca: tls.ca,
    cert: tls.cert,
    key: tls.key,
    // SNI must be a host name; for an IP the certificate is checked against its IP SANs.
    servername: isIP(host) === 0 ? host : undefined,
  });
  return { socket, readyEvent: "secureConnect" };
}

/**
 * A server, over TLS when `tls` is given: `accept` gets each connection once it is established (TLS
 * included); `refused` hears of each client whose TLS handshake failed (plaintext clients, untrusted
 * certificates), which never reaches `accept`.
 */
export function createSocketServer(tls: RpcTlsOptions | undefined, accept: (socket: Socket) => void, refused: (peer: string, reason: string) => void): Server {
  const server = tls ? createTlsServer(serverTlsOptions(tls)) : createNetServer();
  server.on(tls ? "secureConnection" : "connection", accept);
  if (tls) {
    server.on("tlsClientError", (error: Error & { code?: string }, socket: Socket) => {
      const reason = error.code === "ERR_SSL_WRONG_VERSION_NUMBER" ? "not TLS (a plaintext client?)" : (error.code ?? error.message.trim());
      refused(`${socket.remoteAddress ?? "?"}:${socket.remotePort ?? "?"}`, reason);
    });
  }
  return server;
}

/** Starts listening; rejects with the error that kept the server from listening. */
export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}
