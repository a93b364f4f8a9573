/**
 * Who may call what: the bearer token on mutating endpoints (and on reads when asked),
 * and two browser-borne attacks on a server that listens on localhost without a token:
 *  - cross-site requests: a page on another origin can POST a form (multipart!) to
 *    http://127.0.0.1:8081/jars/upload without any preflight; browsers send `Origin` on such
 *    requests, so a mutating request whose Origin is not this server is refused;
 *  - DNS rebinding: a hostile name resolving to 127.0.0.1 makes the browser treat the server as
 *    same-origin, but the request still carries the hostile name in `Host`; a server bound to a
 *    loopback address accepts only loopback host names.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";
import type { IncomingMessage } from "node:http";
import { RestError, type AuthLevel } from "../route.js";

export interface AccessSettings {
  /** rest.auth.token; undefined = no token. */
  token?: string;
  /** rest.auth.read: reads need the token too. */
  tokenForReads: boolean;
  /** Whether the server listens on a loopback address only. */
  loopbackOnly: boolean;
}

const digest = (s: string): Buffer => createHash("sha256").update(s).digest();

function tokenMatches(given: string, expected: string): boolean {
  // Compare digests in constant time: the token's length and prefix stay secret too.
  return timingSafeEqual(digest(given), digest(expected));
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m?.[1];
}

const UNAUTHORIZED_HEADERS = { "www-authenticate": 'Bearer realm="sluice"' };

export function checkToken(req: IncomingMessage, level: AuthLevel, settings: AccessSettings): void {
  if (!settings.token || level === "none" || (level === "read" && !settings.tokenForReads)) return;
  const given = bearerToken(req);
  if (given === undefined) throw new RestError(401, ["this endpoint needs a bearer token (Authorization: Bearer <rest.auth.token>)"], UNAUTHORIZED_HEADERS);
  if (!tokenMatches(given, settings.token)) throw new RestError(401, ["the bearer token is not valid"], UNAUTHORIZED_HEADERS);
}

function hostName(hostHeader: string): string {
  if (hostHeader.startsWith("[")) return hostHeader.slice(1, hostHeader.indexOf("]"));
  const i = hostHeader.lastIndexOf(":");
  return i >= 0 ? hostHeader.slice(0, i) : hostHeader;
}

export function isLoopbackName(name: string): boolean {
  const n = name.toLowerCase();
  if (n === "localhost" || n.endsWith(".localhost")) return true;
  if (isIP(n) === 4) return n.startsWith("127.");
  return n === "::1" || n === "0:0:0:0:0:0:0:1";
}

export function checkHost(req: IncomingMessage, settings: AccessSettings): void {
  if (!settings.loopbackOnly) return;
  const host = req.headers.host;
  // HTTP/1.0 clients may omit Host; they are not browsers that could be rebound.
  if (host !== undefined && !isLoopbackName(hostName(host))) {
    throw new RestError(403, [`this server listens on a loopback address and only answers requests for a loopback host name, not "${host}"`]);
  }
}

export function checkOrigin(req: IncomingMessage, level: AuthLevel): void {
  if (level !== "write") return;
  const origin = req.headers.origin;
  if (origin === undefined) return;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new RestError(403, [`cross-origin request refused (Origin "${origin}")`]);
  }
  if (originHost !== req.headers.host) throw new RestError(403, [`cross-origin request refused: Origin ${origin} is not this server`]);
}
