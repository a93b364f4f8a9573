import type { IncomingMessage } from "node:http";
import { type AuthLevel } from "../route.js";
export interface AccessSettings {
    /** rest.auth.token; undefined = no token. */
    token?: string;
    /** rest.auth.read: reads need the token too. */
    tokenForReads: boolean;
    /** Whether the server listens on a loopback address only. */
    loopbackOnly: boolean;
}
export declare function bearerToken(req: IncomingMessage): string | undefined;
export declare function checkToken(req: IncomingMessage, level: AuthLevel, settings: AccessSettings): void;
export declare function isLoopbackName(name: string): boolean;
export declare function checkHost(req: IncomingMessage, settings: AccessSettings): void;
export declare function checkOrigin(req: IncomingMessage, level: AuthLevel): void;
