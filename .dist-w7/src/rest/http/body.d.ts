/**
 * Reading request bodies within a byte limit. A body over the limit is answered with 413; the rest
 * of it is read and dropped (up to a bound) so the client can read the answer instead of seeing a
 * reset connection, and a client that keeps sending beyond that bound is disconnected.
 */
import type { IncomingMessage } from "node:http";
import { RestError } from "../route.js";
export declare function tooLarge(limit: number): RestError;
export declare function readBody(req: IncomingMessage, limit: number): Promise<Buffer>;
/** Parses a JSON body; an empty body is `undefined`. */
export declare function parseJson(buffer: Buffer): unknown;
/** The media type of a request without its parameters, lower-cased ("" when absent). */
export declare function mediaType(req: IncomingMessage): string;
