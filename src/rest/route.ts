/**
 * A REST route: method, Flink-style path (`/jobs/:jobid`), the schemas of its parameters, body and
 * answers, who may call it, and its handler. The route table is data: the server dispatches and
 * validates from it, and the OpenAPI document is generated from it.
 */
import type { IncomingMessage } from "node:http";
import type { Readable } from "node:stream";
import type { JsonSchema } from "./schema/json-schema.js";
import type { RestServices } from "./services.js";
import type { MultipartPart } from "./http/multipart.js";
import { SluiceError, registerErrorClass } from "../errors/sluice-error.js";

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

/**
 * none: open (dashboard configuration, the OpenAPI document); read: needs the token only when
 * `rest.auth.read` is true; write: needs the token whenever one is configured.
 */
export type AuthLevel = "none" | "read" | "write";

export interface ParameterSpec {
  schema: JsonSchema;
  description: string;
  required?: boolean;
}

export type BodySpec =
  | { kind: "json"; schema: JsonSchema; required: boolean; description: string; /** Byte limit; default the server's JSON limit. */ maxBytes?: "upload" }
  | { kind: "multipart"; description: string; fileField: string };

export interface ResponseSpec {
  status: number;
  description: string;
  /** JSON body schema; absent for non-JSON answers. */
  schema?: JsonSchema;
  /** Non-JSON media type (text/plain for logs). */
  contentType?: string;
}

export interface RequestContext {
  params: Record<string, string>;
  query: Record<string, unknown>;
  /** The validated JSON body (undefined when none was sent), or the parts of a multipart body. */
  body: unknown;
  parts: MultipartPart[];
  services: RestServices;
  request: IncomingMessage;
  /** Base URL the client used (scheme://host), for Location-style fields. */
  baseUrl: string;
}

export type RouteResult =
  | { status?: number; json: unknown }
  | { status?: number; text: string; contentType?: string }
  | { status?: number; stream: Readable; contentType: string; length?: number };

export interface Route {
  method: HttpMethod;
  path: string;
  /** OpenAPI operationId: unique, camelCase. */
  operationId: string;
  summary: string;
  tags: string[];
  auth: AuthLevel;
  params: Record<string, ParameterSpec>;
  query: Record<string, ParameterSpec>;
  body?: BodySpec;
  responses: ResponseSpec[];
  handler(ctx: RequestContext): Promise<RouteResult>;
}

/** The typed view a handler gets of its (already validated) inputs. */
export interface TypedContext<Q, B> extends Omit<RequestContext, "query" | "body"> {
  query: Q;
  body: B;
}

export interface RouteDefinition<Q, B> extends Omit<Route, "handler" | "params" | "query" | "auth"> {
  params?: Record<string, ParameterSpec>;
  query?: Record<string, ParameterSpec>;
  /** Defaults to read for GET, write otherwise. */
  auth?: AuthLevel;
  handler(ctx: TypedContext<Q, B>): Promise<RouteResult>;
}

/**
 * Declares a route. Q and B are the TypeScript shapes of the query and body schemas; the server only
 * calls the handler with inputs that passed those schemas.
 */
export function defineRoute<Q = Record<string, never>, B = undefined>(def: RouteDefinition<Q, B>): Route {
  return {
    ...def,
    params: def.params ?? {},
    query: def.query ?? {},
    auth: def.auth ?? (def.method === "GET" ? "read" : "write"),
    handler: (ctx) => def.handler(ctx as TypedContext<Q, B>),
  };
}

/** An answer with an HTTP error status and Flink's `{"errors": [...]}` body. */
export class RestError extends SluiceError {
  constructor(
    readonly status: number,
    readonly errors: string[],
    readonly headers: Record<string, string> = {},
  ) {
    super(errors.join("; "));
  }
}
registerErrorClass(RestError);

export const badRequest = (...errors: string[]): RestError => new RestError(400, errors);
export const notFound = (...errors: string[]): RestError => new RestError(404, errors);
export const conflict = (...errors: string[]): RestError => new RestError(409, errors);
