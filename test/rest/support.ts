/**
 * A MiniCluster with the REST endpoint on a free loopback port, and small HTTP helpers, for the
 * REST tests. Answers are checked against their declared schemas (validateResponses), so every
 * request in these tests also checks the shape the OpenAPI document promises.
 */
import { request } from "node:http";
import { MiniCluster } from "../../src/cluster/minicluster.js";
import { startRestServer, type RunningRestServer } from "../../src/rest/start-rest-server.js";
import type { RestfulGateway } from "../../src/cluster/dispatcher/restful-gateway.js";
import { LogBuffer, Logger, teeSinks } from "../../src/util/logger.js";

export interface RestCluster {
  cluster: MiniCluster;
  rest: RunningRestServer;
  url: string;
  logs: LogBuffer;
  close(): Promise<void>;
}

export const FAST_METRICS = { "metrics.report-interval": "50", "metrics.fetcher.update-interval": "50" };

export async function startRestCluster(options: { config?: Record<string, string>; taskManagers?: number; slots?: number; webDir?: string } = {}): Promise<RestCluster> {
  const config = { ...FAST_METRICS, "rest.port": "0", ...options.config };
  const logs = new LogBuffer();
  const logger = new Logger(teeSinks(logs.sink), "sluice", "info");
  const cluster = await MiniCluster.start({ numTaskManagers: options.taskManagers ?? 2, slotsPerTaskManager: options.slots ?? 2, config, logger });
  // The Dispatcher is what the REST endpoint talks to (compile-time check of the contract).
  const dispatcher: RestfulGateway = cluster.dispatcher;
  const rest = await startRestServer({ dispatcher, config, logs, logger, webDir: options.webDir, validateResponses: true, metrics: cluster.metricQuery });
  return {
    cluster,
    rest,
    url: rest.url,
    logs,
    async close() {
      await rest.close();
      await cluster.close();
    },
  };
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The parsed body when it is JSON, else undefined. */
  json: unknown;
}

export interface RequestOptions {
  body?: string | Buffer;
  headers?: Record<string, string>;
  /** Sent as JSON with Content-Type application/json. */
  json?: unknown;
  token?: string;
}

/** One HTTP request with nothing added (fetch would normalise paths and headers the tests want raw). */
export function call(base: string, method: string, path: string, options: RequestOptions = {}): Promise<Answer> {
  const url = new URL(base);
  const headers: Record<string, string | number> = { ...options.headers };
  let body = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers["content-type"] ??= "application/json";
  }
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (body !== undefined) headers["content-length"] = Buffer.byteLength(body);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json: unknown;
        if (text && String(res.headers["content-type"] ?? "").startsWith("application/json")) json = JSON.parse(text);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** GET that must answer 200 with JSON. */
export async function getJson<T = Record<string, unknown>>(base: string, path: string, token?: string): Promise<T> {
  const a = await call(base, "GET", path, { token });
  if (a.status !== 200) throw new Error(`GET ${path}: ${a.status} ${a.text}`);
  return a.json as T;
}

/** A multipart/form-data body with one file field. */
export function multipart(field: string, fileName: string, content: Buffer | string): { body: Buffer; contentType: string } {
  const boundary = `----test${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

export function errorsOf(a: Answer): string[] {
  const e = (a.json as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(e)) throw new Error(`expected a JSON error body, got ${a.status} ${a.text.slice(0, 300)}`);
  return e as string[];
}
