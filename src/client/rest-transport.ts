/**
 * JSON over HTTP(S) to a Sluice (or Flink-compatible) REST endpoint: bearer token, a trusted CA for
 * TLS, timeouts, and Flink's error bodies turned into errors that carry the server's messages.
 * node:http rather than fetch, because fetch cannot be given a CA without a dispatcher package.
 */
import { request as httpRequest, type IncomingMessage, type RequestOptions } from "node:http";
import { request as httpsRequest } from "node:https";
import { SluiceError, registerErrorClass } from "../errors/sluice-error.js";

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

export class RestRequestError extends SluiceError {
  constructor(
    readonly status: number,
    readonly errors: string[],
    method: string,
    path: string,
  ) {
    super(`${method} ${path} failed with ${status}: ${errors.join("; ")}`);
  }
}
registerErrorClass(RestRequestError);

export interface RawResponse {
  status: number;
  headers: IncomingMessage["headers"];
  body: Buffer;
}

export class RestTransport {
  readonly baseUrl: URL;

  constructor(private readonly options: RestTransportOptions) {
    let url: URL;
    try {
      url = new URL(options.baseUrl);
    } catch {
      throw new Error(`not a REST address: "${options.baseUrl}" (expected http://host:port)`);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`not a REST address: "${options.baseUrl}" (expected http:// or https://)`);
    this.baseUrl = url;
  }

  /** Sends a request with a JSON body (when given) and parses the JSON answer; non-2xx throws. */
  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = payload ? { "content-type": "application/json" } : {};
    const res = await this.raw(method, path, payload, headers);
    const text = res.body.toString("utf8");
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      throw new RestRequestError(res.status, [`the server answered with something that is not JSON: ${text.slice(0, 200)}`], method, path);
    }
    if (res.status < 200 || res.status >= 300) {
      const errors = (parsed as { errors?: unknown } | undefined)?.errors;
      throw new RestRequestError(res.status, Array.isArray(errors) ? errors.map(String) : [text.slice(0, 500)], method, path);
    }
    return parsed as T;
  }

  raw(method: string, path: string, body?: Buffer, headers: Record<string, string> = {}): Promise<RawResponse> {
    const prefix = this.baseUrl.pathname.replace(/\/+$/, "");
    const url = new URL(prefix + path, this.baseUrl);
    const h: Record<string, string | number> = { accept: "application/json", ...headers };
    if (this.options.token) h.authorization = `Bearer ${this.options.token}`;
    if (body) h["content-length"] = body.length;
    const opts: RequestOptions & { ca?: string } = { method, headers: h, timeout: this.options.timeoutMs ?? 30_000 };
    if (this.options.ca) opts.ca = this.options.ca;
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(url, opts, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      });
      req.on("timeout", () => req.destroy(new Error(`${method} ${url.href} timed out`)));
      req.on("error", (e: Error & { code?: string }) => {
        const hint = e.code === "ECONNREFUSED" ? ` (is a Sluice cluster running at ${this.baseUrl.origin}?)` : "";
        reject(new Error(`cannot reach ${this.baseUrl.origin}: ${e.message}${hint}`, { cause: e }));
      });
      req.end(body);
    });
  }
}
