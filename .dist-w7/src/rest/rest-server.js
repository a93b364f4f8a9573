/**
 * The REST endpoint on node:http / node:https. No framework: the route table carries everything a
 * framework would (paths, schemas, auth), and owning the request loop keeps the security checks in
 * one visible place. Every answer, including every error, is JSON unless the route serves text.
 *
 * Request pipeline: URL → /v1 prefix → Host check → route match → Origin and token checks → path,
 * query and body validation → handler → (optionally) response validation.
 */
import { createServer as createHttpServer } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { pipeline } from "node:stream/promises";
import { isUnknownJobError } from "./dispatcher-api.js";
import { checkHost, checkOrigin, checkToken } from "./http/access.js";
import { mediaType, parseJson, readBody } from "./http/body.js";
import { boundaryOf, parseMultipart } from "./http/multipart.js";
import { staticFile } from "./http/static-files.js";
import { RestError } from "./route.js";
import { Router } from "./router.js";
import { coerceParameter, validate } from "./schema/json-schema.js";
const JSON_TYPE = "application/json; charset=utf-8";
const COMMON_HEADERS = { "x-content-type-options": "nosniff", "cache-control": "no-store" };
export class RestServer {
    options;
    server;
    router;
    log;
    sockets = new Set();
    constructor(options) {
        this.options = options;
        this.router = new Router(options.services.routes);
        this.log = options.logger.child("RestServer");
        const handler = (req, res) => void this.handle(req, res);
        const tls = options.services.settings.tls;
        this.server = tls ? createHttpsServer({ cert: tls.cert, key: tls.key }, handler) : createHttpServer(handler);
        this.server.headersTimeout = 20_000;
        this.server.requestTimeout = 300_000;
        this.server.on("connection", (s) => {
            this.sockets.add(s);
            s.on("close", () => this.sockets.delete(s));
        });
        // Malformed HTTP never reaches a handler; answer it in JSON too, then drop the connection.
        this.server.on("clientError", (err, socket) => {
            if (!socket.writable)
                return socket.destroy();
            const [status, text] = err.code === "HPE_HEADER_OVERFLOW" ? [431, "Request Header Fields Too Large"] : [400, "Bad Request"];
            // An answer to HEAD has no body, even when the rest of the request could not be parsed.
            const head = err.rawPacket?.subarray(0, 5).toString("latin1") === "HEAD ";
            const body = head ? "" : JSON.stringify({ errors: [`malformed HTTP request: ${err.code ?? err.message}`] });
            socket.end(`HTTP/1.1 ${status} ${text}\r\ncontent-type: ${JSON_TYPE}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
        });
    }
    async listen() {
        const { address, port } = this.options.services.settings;
        await new Promise((resolve, reject) => {
            this.server.once("error", reject);
            this.server.listen(port, address, () => {
                this.server.off("error", reject);
                resolve();
            });
        });
        this.log.info(`REST endpoint listening at ${this.url}`);
    }
    /** The bound port (useful with rest.port 0). */
    get port() {
        return this.server.address().port;
    }
    get url() {
        const a = this.server.address();
        const host = a.family === "IPv6" ? `[${a.address}]` : a.address;
        return `${this.options.services.settings.tls ? "https" : "http"}://${host}:${a.port}`;
    }
    async close() {
        const closed = new Promise((resolve) => this.server.close(() => resolve()));
        for (const s of this.sockets)
            s.destroy();
        await closed;
    }
    async handle(req, res) {
        try {
            await this.dispatch(req, res);
        }
        catch (e) {
            this.sendError(req, res, e);
        }
    }
    async dispatch(req, res) {
        let url;
        try {
            url = new URL(req.url ?? "/", "http://localhost");
        }
        catch {
            throw new RestError(400, ["the request URL is malformed"]);
        }
        const settings = this.options.services.settings;
        checkHost(req, settings.access);
        let path = url.pathname;
        if (path === "/v1" || path.startsWith("/v1/"))
            path = path.slice(3) || "/";
        const method = req.method === "HEAD" ? "GET" : (req.method ?? "GET");
        const match = this.router.match(method, path);
        if (!match) {
            const file = method === "GET" ? staticFile(this.options.webDir, path) : undefined;
            if (!file)
                throw new RestError(404, [`not found: ${req.method} ${path.slice(0, 200)}`]);
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
        const errors = [];
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
    validateParams(route, params, errors) {
        for (const [name, spec] of Object.entries(route.params)) {
            errors.push(...validate(spec.schema, coerceParameter(spec.schema, params[name] ?? ""), `path parameter ${name}`));
        }
        return params;
    }
    validateQuery(route, search, errors) {
        // Unknown query parameters are ignored, as Flink does (dashboards add cache busters).
        const out = {};
        for (const [name, spec] of Object.entries(route.query)) {
            const raw = search.get(name);
            if (raw === null) {
                if (spec.required)
                    errors.push(`query parameter ${name}: is required`);
                continue;
            }
            const value = coerceParameter(spec.schema, raw);
            const problems = validate(spec.schema, value, `query parameter ${name}`);
            errors.push(...problems);
            if (!problems.length)
                out[name] = value;
        }
        return out;
    }
    async readRequestBody(route, req) {
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
            if (spec.required)
                throw new RestError(400, ["this endpoint needs a JSON request body"]);
            return { body: undefined, parts: [] };
        }
        const problems = validate(spec.schema, body, "body");
        if (problems.length)
            throw new RestError(400, problems);
        return { body, parts: [] };
    }
    async send(req, res, route, result) {
        const status = result.status ?? 200;
        if ("json" in result) {
            if (this.options.validateResponses) {
                const spec = route.responses.find((r) => r.status === status);
                const problems = !spec ? [`status ${status} is not declared`] : spec.schema ? validate(spec.schema, result.json, "response") : [];
                if (problems.length)
                    throw new Error(`${route.method} ${route.path}: the answer does not match its schema: ${problems.join("; ")}`);
            }
            this.writeJson(res, status, result.json);
        }
        else if ("text" in result) {
            const body = Buffer.from(result.text);
            res.writeHead(status, { ...COMMON_HEADERS, "content-type": result.contentType ?? "text/plain; charset=utf-8", "content-length": body.length });
            res.end(req.method === "HEAD" ? undefined : body);
        }
        else {
            const headers = { ...COMMON_HEADERS, "content-type": result.contentType };
            if (result.length !== undefined)
                headers["content-length"] = result.length;
            res.writeHead(status, headers);
            await pipeline(result.stream, res);
        }
    }
    writeJson(res, status, value, extra = {}) {
        const body = Buffer.from(JSON.stringify(value));
        res.writeHead(status, { ...COMMON_HEADERS, ...extra, "content-type": JSON_TYPE, "content-length": body.length });
        res.end(body);
    }
    sendError(req, res, e) {
        let status = 500;
        let errors;
        let headers = {};
        if (e instanceof RestError) {
            ({ status, errors, headers } = e);
        }
        else if (isUnknownJobError(e)) {
            status = 404;
            errors = [e.message];
        }
        else if (e instanceof Error && e.name === "LeaderUnavailableError") {
            // HA: no leading JobManager right now (a failover is under way); the client should retry.
            status = 503;
            errors = [e.message];
            headers = { "retry-after": "1" };
        }
        else {
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
//# sourceMappingURL=rest-server.js.map