/**
 * JSON over HTTP(S) to a Sluice (or Flink-compatible) REST endpoint: bearer token, a trusted CA for
 * TLS, timeouts, and Flink's error bodies turned into errors that carry the server's messages.
 * node:http rather than fetch, because fetch cannot be given a CA without a dispatcher package.
 */
import { type IncomingMessage } from "node:http";
export interface RestTransportOptions {
    /** http://host:port or https://host:port (a path prefix such as /v1 is kept). */
    baseUrl: string;
    /** rest.auth.token, sent as `Authorization: Bearer …`. */
    token?: string;
    /** PEM of the CA that signed the server's certificate (security.ssl.rest.ca). */
    ca?: string;
    /** Per request; default 30 s. */
    timeoutMs?: number;
}
export declare class RestRequestError extends Error {
    readonly status: number;
    readonly errors: string[];
    name: string;
    constructor(status: number, errors: string[], method: string, path: string);
}
export interface RawResponse {
    status: number;
    headers: IncomingMessage["headers"];
    body: Buffer;
}
export declare class RestTransport {
    private readonly options;
    readonly baseUrl: URL;
    constructor(options: RestTransportOptions);
    /** Sends a request with a JSON body (when given) and parses the JSON answer; non-2xx throws. */
    json<T>(method: string, path: string, body?: unknown): Promise<T>;
    raw(method: string, path: string, body?: Buffer, headers?: Record<string, string>): Promise<RawResponse>;
}
