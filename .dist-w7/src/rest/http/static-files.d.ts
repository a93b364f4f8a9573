import type { Readable } from "node:stream";
/** The prefix of the dashboard's page addresses (web/src/router.tsx). */
export declare const DASHBOARD_PREFIX = "/web";
export interface StaticFile {
    stream: Readable;
    contentType: string;
    length: number;
    headers: Record<string, string>;
}
export declare function staticFile(webDir: string | undefined, pathname: string): StaticFile | undefined;
