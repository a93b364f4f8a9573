/**
 * The REST endpoint on node:http / node:https. No framework: the route table carries everything a
 * framework would (paths, schemas, auth), and owning the request loop keeps the security checks in
 * one visible place. Every answer, including every error, is JSON unless the route serves text.
 *
 * Request pipeline: URL → /v1 prefix → Host check → route match → Origin and token checks → path,
 * query and body validation → handler → (optionally) response validation.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { pipeline } from "node:stream/promises";
import type { Logger } from "../util/logger.js";
import { UnknownJobError } from "../cluster/dispatcher/dispatcher-errors.js";
import { UnknownTaskManagerError } from "../cluster/resourcemanager/resource-manager-errors.js";
import { LeaderUnavailableError } from "../cluster/leadership/leader-tracker.js";
import { checkHost, checkOrigin, checkToken } from "./http/access.js";
import { mediaType, parseJson, readBody } from "./http/body.js";
import { boundaryOf, parseMultipart, type MultipartPart } from "./http/multipart.js";
import { staticFile } from "./http/static-files.js";
import { RestError, type Route, type RouteResult } from "./route.js";
import { Router } from "./router.js";
import { coerceParameter, validate } from "./schema/json-schema.js";
import type { RestServices } from "./services.js";

export interface RestServerOptions {
  services: RestServices;
  /** The dashboard's built files (web/dist); `/` serves its index.html. */
  webDir?: string;
  logger: Logger;
  /** Check every JSON answer against its route's declared schema; a mismatch becomes a 500 (for tests). */
  validateResponses?: boolean;
}

const JSON_TYPE = "application/json; charset=utf-8";
const COMMON_HEADERS = { "x-content-type-options": "nosniff", "cache-control": "no-store" };

export class RestServer {
  private readonly server: Server;
  private readonly router: Router;
  private readonly log: Logger;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly options: RestServerOptions) {
    this.router = new Router(options.services.routes);
    this.log = options.logger.child("RestServer");
    const handler = (req: IncomingMessage, res: ServerResponse): void => void this.handle(req, res);
    const tls = options.services.settings.tls;
    this.server = tls ? createHttpsServer({ cert: tls.cert, key: tls.key }, handler) : createHttpServer(handler);
    this.server.headersTimeout = 20_000;
    this.server.requestTimeout = 300_000;
    this.server.on("connection", (s: Socket) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
    // Malformed HTTP never reaches a handler; answer it in JSON too, then drop the connection.
    this.server.on("clientError", (err: Error & { code?: string; rawPacket?: Buffer }, socket: Socket) => {
      if (!socket.writable) return socket.destroy();
      const [status, text] = err.code === "HPE_HEADER_OVERFLOW" ? [431, "Request Header Fields Too Large"] : [400, "Bad Request"];
      // An answer to HEAD has no body, even when the rest of the request could not be parsed.
      const head = err.rawPacket?.subarray(0, 5).toString("latin1") === "HEAD ";
      const body = head ? "" : JSON.stringify({ errors: [`malformed HTTP request: ${err.code ?? err.message}`] });
      socket.end(`HTTP/1.1 ${status} ${text}\r\ncontent-type: ${JSON_TYPE}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
    });
  }

  async listen(): Promise<void> {
    const { address, port } = this.options.services.settings;
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, address, () => {
        this.server.off("error", reject);
        resolve();
      });
    });
    this.log.info(`REST endpoint listening at ${this.url}`);
  }

  /** The bound port (useful with rest.port 0). */
  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    const a = this.server.address() as AddressInfo;
    const host = a.family === "IPv6" ? `[${a.address}]` : a.address;
    return `${this.options.services.settings.tls ? "https" : "http"}://${host}:${a.port}`;
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await this.dispatch(req, res);
    } catch (e) {
      this.sendError(req, res, e);
    }
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://localhost");
    } catch {
      throw new RestError(400, ["the request URL is malformed"]);
    }
    const settings = this.options.services.settings;
    checkHost(req, settings.access);
    let path = url.pathname;
    if (path === "/v1" || path.startsWith("/v1/")) path = path.slice(3) || "/";
    const method = req.method === "HEAD" ? "GET" : (req.method ?? "GET");
    const match = this.router.match(method, path);
    if (!match) {
      const file = method === "GET" ? staticFile(this.options.webDir, path) : undefined;
      if (!file) throw new RestError(404, [`not found: ${req.method} ${path.slice(0, 200)}`]);
      res.writeHead(200, { ...file.headers, "content-type": file.contentType, "content-length": file.length, "x-content-type-options": "nosniff" });
      await pipeline(file.stream, res);
      return;
    }
    if ("allowed" in match) {
      throw new RestError(405, [`${req.method} is not allowed on ${path}; allowed: ${match.allowed.join(", ")}`], { allow: match.allowed.join(", ") });
    }
    const { route, params } = match;
    checkOrigin(req, route.auth);
    checkToken(req, route.auth, settings.access);
    const errors: string[] = [];
    const typedParams = this.validateParams(route, params, errors);
    const query = this.validateQuery(route, url.searchParams, errors);
    if (errors.length) {
      req.resume();
      throw new RestError(400, errors);
    }
    const { body, parts } = await this.readRequestBody(route, req);
    const result = await route.handler({
      params: typedParams,
      query,
      body,
      parts,
      services: this.options.services,
      request: req,
      baseUrl: `${settings.tls ? "https" : "http"}://${req.headers.host ?? "localhost"}`,
    });
    await this.send(req, res, route, result);
  }

  private validateParams(route: Route, params: Record<string, string>, errors: string[]): Record<string, string> {
    for (const [name, spec] of Object.entries(route.params)) {
      errors.push(...validate(spec.schema, coerceParameter(spec.schema, params[name] ?? ""), `path parameter ${name}`));
    }
    return params;
  }

  private validateQuery(route: Route, search: URLSearchParams, errors: string[]): Record<string, unknown> {
    // Unknown query parameters are ignored, as Flink does (dashboards add cache busters).
    const out: Record<string, unknown> = {};
    for (const [name, spec] of Object.entries(route.query)) {
      const raw = search.get(name);
      if (raw === null) {
        if (spec.required) errors.push(`query parameter ${name}: is required`);
        continue;
      }
      const value = coerceParameter(spec.schema, raw);
      const problems = validate(spec.schema, value, `query parameter ${name}`);
      errors.push(...problems);
      if (!problems.length) out[name] = value;
    }
    return out;
  }

  private async readRequestBody(route: Route, req: IncomingMessage): Promise<{ body: unknown; parts: MultipartPart[] }> {
    const settings = this.options.services.settings;
    const spec = route.body;
    if (!spec) {
      // Bodies on routes that take none are read (bounded) and ignored.
      await readBody(req, settings.jsonBodyMaxBytes);
      return { body: undefined, parts: [] };
    }
    const type = mediaType(req);
    if (spec.kind === "multipart") {
      if (type !== "multipart/form-data") {
        req.resume();
        throw new RestError(415, [`this endpoint takes multipart/form-data, not ${type || "a body without Content-Type"}`]);
      }
      const boundary = boundaryOf(req.headers["content-type"]);
      return { body: undefined, parts: parseMultipart(await readBody(req, settings.uploadMaxBytes), boundary) };
    }
    const limit = spec.maxBytes === "upload" ? settings.uploadMaxBytes : settings.jsonBodyMaxBytes;
    const buffer = await readBody(req, limit);
    // A JSON body must say so: it makes cross-site form posts (text/plain) impossible to pass off as JSON.
    if (buffer.length > 0 && type !== "application/json") {
      throw new RestError(415, [`this endpoint takes application/json, not ${type || "a body without Content-Type"}`]);
    }
    const body = parseJson(buffer);
    if (body === undefined) {
      if (spec.required) throw new RestError(400, ["this endpoint needs a JSON request body"]);
      return { body: undefined, parts: [] };
    }
    const problems = validate(spec.schema, body, "body");
    if (problems.length) throw new RestError(400, problems);
    return { body, parts: [] };
  }

  private async send(req: IncomingMessage, res: ServerResponse, route: Route, result: RouteResult): Promise<void> {
    const status = result.status ?? 200;
    if ("json" in result) {
      if (this.options.validateResponses) {
        const spec = route.responses.find((r) => r.status === status);
        const problems = !spec ? [`status ${status} is not declared`] : spec.schema ? validate(spec.schema, result.json, "response") : [];
        if (problems.length) throw new Error(`${route.method} ${route.path}: the answer does not match its schema: ${problems.join("; ")}`);
      }
      this.writeJson(res, status, result.json);
    } else if ("text" in result) {
      const body = Buffer.from(result.text);
      res.writeHead(status, { ...COMMON_HEADERS, "content-type": result.contentType ?? "text/plain; charset=utf-8", "content-length": body.length });
      res.end(req.method === "HEAD" ? undefined : body);
    } else {
      const headers: Record<string, string | number> = { ...COMMON_HEADERS, "content-type": result.contentType };
      if (result.length !== undefined) headers["content-length"] = result.length;
      res.writeHead(status, headers);
      await pipeline(result.stream, res);
    }
  }

  private writeJson(res: ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}): void {
    const body = Buffer.from(JSON.stringify(value));
    res.writeHead(status, { ...COMMON_HEADERS, ...extra, "content-type": JSON_TYPE, "content-length": body.length });
    res.end(body);
  }

  private sendError(req: IncomingMessage, res: ServerResponse, e: unknown): void {
    let status = 500;
    let errors: string[];
    let headers: Record<string, string> = {};
    if (e instanceof RestError) {
      ({ status, errors, headers } = e);
    } else if (e instanceof UnknownJobError || e instanceof UnknownTaskManagerError) {
      status = 404;
      errors = [e.message];
    } else if (e instanceof LeaderUnavailableError) {
      // HA: no leading JobManager right now (a failover is under way); the client should retry.
      status = 503;
      errors = [e.message];
      headers = { "retry-after": "1" };
    } else {
      const err = e instanceof Error ? e : new Error(String(e));
      this.log.error(`${req.method} ${req.url}: ${err.stack ?? err.message}`);
      errors = [`internal server error: ${err.message}`];
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    // After an unread (refused, too large) body the connection cannot be reused: drop what is still
    // coming (readBody cut off clients that keep sending) and close once answered.
    if (!req.complete) {
      headers = { ...headers, connection: "close" };
      req.resume();
    }
    this.writeJson(res, status, { errors }, headers);
  }
}
