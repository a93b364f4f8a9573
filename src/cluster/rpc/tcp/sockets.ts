/**
 * Plain or TLS sockets and servers, shared by RPC connections and the data plane's connections so
 * that both dial, listen and refuse the same way (the handshake on top is handshake.ts).
 */
import { connect as netConnect, createServer as createNetServer, isIP, type Server, type Socket } from "node:net";
import { connect as tlsConnect, createServer as createTlsServer } from "node:tls";
import { RpcConnectionError } from "../interface.js";
import { serverTlsOptions, type RpcTlsOptions } from "./tls-options.js";

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

/** How the code that runs on a freshly connected socket (a handshake) ends the dial. */
export interface DialOutcome<T> {
  /** The connection is ready: the dial resolves with `value` (ignored after a failure). */
  succeed(value: T): void;
  /** The dial rejects with `error` and the socket is destroyed (ignored once settled). */
  fail(error: Error): void;
}

export interface DialTarget {
  /** The peer's address as written in errors, e.g. tcp://10.0.0.2:6121. */
  address: string;
  host: string;
  port: number;
}

/**
 * Connects to `target` (over TLS when `tls` is given) and runs `onConnected` on the socket; the
 * whole dial — connecting, TLS and whatever `onConnected` starts — is bounded by `timeoutMs`.
 * Rejects with RpcConnectionError when the socket cannot connect or time runs out; `action` says
 * what failed ("connect to", "open a data connection to").
 */
export function dial<T>(target: DialTarget, tls: RpcTlsOptions | undefined, timeoutMs: number, action: string, onConnected: (socket: Socket, outcome: DialOutcome<T>) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const { socket, readyEvent } = connectSocket(target.host, target.port, tls);
    let settled = false;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
      return true;
    };
    const fail = (error: Error): void => {
      if (!settle()) return;
      socket.destroy();
      reject(error);
    };
    const timer = setTimeout(() => fail(new RpcConnectionError(`connecting to ${target.address} timed out after ${timeoutMs} ms`)), timeoutMs);
    socket.once("error", (error: Error & { code?: string }) => {
      // A plaintext server drops the TLS hello without a word; say what that usually means.
      const hint = tls && error.code === "ECONNRESET" ? " (does the peer serve TLS?)" : "";
      fail(new RpcConnectionError(`cannot ${action} ${target.address}: ${error.message}${hint}`));
    });
    socket.once(readyEvent, () =>
      onConnected(socket, {
        succeed: (value) => {
          if (settle()) resolve(value);
        },
        fail,
      }),
    );
  });
}
